package frontoffice

import "time"

// QualityClass is the class the quality report counts feedback by (REP-2).
type QualityClass string

// Quality classes.
const (
	QualityProduct      QualityClass = "product"      // the equipment or part itself
	QualityInstallation QualityClass = "installation" // how it was installed
	QualityParts        QualityClass = "parts"        // parts supply: missing, wrong, late
	QualityService      QualityClass = "service"      // people, times, communication
)

// QualityClasses lists the classes in report order.
var QualityClasses = []QualityClass{QualityProduct, QualityInstallation, QualityParts, QualityService}

// Quality feedback sources.
const (
	QualitySourceComplaint = "complaint"
	QualitySourceField     = "field"
	QualitySourceStation   = "station"
)

// QualityFeedback is one piece of quality information (质量信息): a problem
// found on a field job, a complaint, or a station's finding, classified
// for the quality report (REP-2). Open problems stay on the report's list
// until resolved.
type QualityFeedback struct {
	ID     uint64       `json:"id"`
	At     time.Time    `json:"at"`
	Source string       `json:"source"` // QualitySource*
	Ref    string       `json:"ref"`    // complaint ticket, field job number, station code
	Class  QualityClass `json:"class"`
	// Product is the labour standard's code (labour.go) or product name.
	Product string `json:"product,omitempty"`
	// Site is the field job's company or the station's name.
	Site      string `json:"site,omitempty"`
	StationID uint64 `json:"station_id,omitempty"`
	Text      string `json:"text"`

	Open       bool      `json:"open"`
	ResolvedAt time.Time `json:"resolved_at,omitzero"`
	Resolution string    `json:"resolution,omitempty"`
	By         string    `json:"by"`
}
