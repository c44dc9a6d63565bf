package data

// The data file's buckets (their key layouts are documented at the top of
// store.go and in each noun's file) and the migrations from one layout to
// the next.

import (
	bolt "go.etcd.io/bbolt"
)

// Bucket names.
var (
	bMeta          = []byte("meta")
	bSettings      = []byte("settings")
	bCustomers     = []byte("customers")
	bCustPhone     = []byte("cust_phone")
	bCustChat      = []byte("cust_chat")
	bVehicles      = []byte("vehicles")
	bVehPlate      = []byte("veh_plate")
	bVehCust       = []byte("veh_cust")
	bAppointments  = []byte("appointments")
	bAptCode       = []byte("apt_code")
	bAptStart      = []byte("apt_start")
	bAptCust       = []byte("apt_cust")
	bRegApt        = []byte("reg_apt")
	bOutbox        = []byte("outbox")
	bOutboxKeys    = []byte("outbox_keys")
	bOutboxDead    = []byte("outbox_dead")
	bRelay         = []byte("relay")
	bBot           = []byte("bot")
	bConversations = []byte("conversations")
	bIdem          = []byte("idem")
	bDue           = []byte("due")
	bJobs          = []byte("jobs")
	bVisits        = []byte("visits")
	bVisitDay      = []byte("visit_day")
	bVisitVeh      = []byte("visit_veh")
	bVisitOpen     = []byte("visit_open")
	bVisitEnd      = []byte("visit_end")
	bQueueSeq      = []byte("queue_seq")
	bBoard         = []byte("board")
	bPhoneTasks    = []byte("phone_tasks")
	bLinkTokens    = []byte("link_tokens")
	bOutboxNext    = []byte("outbox_next")
	bOutboxChat    = []byte("outbox_chat")
	bOutboxParked  = []byte("outbox_parked")
	bRelayAt       = []byte("relay_at")
	bIdemAt        = []byte("idem_at")
	bDueParked     = []byte("due_parked")
	bQueueStats    = []byte("queue_stats")

	bAccounts = []byte("accounts")
	bSessions = []byte("sessions")

	bComplaints    = []byte("complaints")
	bComplaintOpen = []byte("complaint_open")
	bCalls         = []byte("calls")
	bCallDue       = []byte("call_due")
	bRegCall       = []byte("reg_call")
	bRegLetter     = []byte("reg_letter")
	bSurveys       = []byte("surveys")
	bPromotions    = []byte("promotions")
	bTasks         = []byte("tasks")

	bDevices      = []byte("devices")
	bDeviceTokens = []byte("device_tokens")
	bDeviceCodes  = []byte("device_codes")
	bPending      = []byte("pending")
	bPendingOpen  = []byte("pending_open")

	bAudit    = []byte("audit")
	bAuditRef = []byte("audit_ref")

	bFieldJobs = []byte("field_jobs")
	bFieldOpen = []byte("field_open")

	bStations    = []byte("stations")
	bStationJobs = []byte("station_jobs")

	bFiles     = []byte("files")
	bFileData  = []byte("file_data")
	bFileFetch = []byte("file_fetch")

	bQuality     = []byte("quality")
	bQualityAt   = []byte("quality_at")
	bQualityOpen = []byte("quality_open")

	// Service stations' chats, job index and monthly check marks (NET-1, NET-4; data/station.go).
	bStationChat    = []byte("station_chat")
	bStationJobIDs  = []byte("station_job_ids")
	bStationChecked = []byte("station_checked")
	bFieldNo        = []byte("field_no")    // field job numbers (data/field_dispatch.go, FLD-1)
	bFieldChat      = []byte("field_chat")  // customer contacts' chats (data/field_link.go, FLD-2)
	bFieldSign      = []byte("field_sign")  // FLD-5 signature links (data/field_site_sign.go)
	bQualityRef     = []byte("quality_ref") // REP-2: staff's classification of complaints (data/quality.go)

	// The reports' after-sales indexes (data/report_aftersales.go, issue 12 item 7).
	bCallClose      = []byte("call_close")
	bComplaintFiled = []byte("complaint_filed")
	bSurveyDone     = []byte("survey_done")
	// NET-2 (netb): stations' cost claims and settlements.
	bStationClaims      = []byte("station_claims")
	bStationSettlements = []byte("station_settlements")
)

var allBuckets = [][]byte{
	bMeta, bSettings, bCustomers, bCustPhone, bCustChat, bVehicles, bVehPlate,
	bVehCust, bAppointments, bAptCode, bAptStart, bAptCust, bRegApt, bOutbox,
	bOutboxKeys, bOutboxDead, bRelay, bBot, bConversations, bIdem, bDue, bJobs,
	bVisits, bVisitDay, bVisitVeh, bVisitOpen, bVisitEnd, bQueueSeq, bBoard, bPhoneTasks, bLinkTokens,
	bOutboxNext, bOutboxChat, bOutboxParked, bRelayAt, bIdemAt, bDueParked, bQueueStats,
	bAccounts, bSessions,
	bComplaints, bComplaintOpen, bCalls, bCallDue, bRegCall, bRegLetter, bSurveys, bPromotions, bTasks,
	bDevices, bDeviceTokens, bDeviceCodes, bPending, bPendingOpen,
	bAudit, bAuditRef,
	bFieldJobs, bFieldOpen,
	bStations, bStationJobs,
	bQuality, bQualityAt, bQualityOpen,
	bFiles, bFileData, bFileFetch,
	bStationChat, bStationJobIDs, bStationChecked,
	bFieldNo, bFieldChat,
	bFieldSign,
	bQualityRef,
	bCallClose, bComplaintFiled, bSurveyDone,
	bStationClaims, bStationSettlements,
}

// migrations bring a data file from version i to i+1. Version 1 is the
// first layout; buckets themselves are created at every open.
var migrations = []func(tx *bolt.Tx) error{
	func(*bolt.Tx) error { return nil }, // 0 → 1: new file
	buildVisitEnd,                       // 1 → 2: the visit_end index of the reports (REP-1)
	scheduleAllMaint,                    // 2 → 3: the maintenance reminders of vehicles delivered before them
	buildAfterSalesIndexes,              // 3 → 4: call_close, complaint_filed, survey_done (issue 12 item 7)
}

// SchemaVersion is the layout this code reads and writes.
var SchemaVersion = uint64(len(migrations))
