package frontoffice

// The dispatch board (WS-1): the manual's workshop supervisor arranges the
// day's jobs over the teams from the work orders (安装车间管理制度 三
// 「根据当日应安排的作业"安装服务单"，及时，均衡地安排班组进行作业」); the
// console's workshop page records which bay and team hold each car.

// CheckAssignment checks putting visit v in bay (1..Bays; 0 takes it out
// of its bay) with team ("" for none, else a Settings.Teams id): only a
// car in the workshop is assigned, and a bay holds one car — open are the
// other visits still in the shop. It returns an EINVALID *Error for a bay
// or team that does not exist, ECONFLICT for a car not in the workshop or
// a bay another car holds.
func (s *Settings) CheckAssignment(v *Visit, bay int, team string, open []Visit) error {
	if v.Status != VisitWorkshop {
		return Errorf(ECONFLICT, "err.ws.state")
	}
	if bay < 0 || bay > s.Bays {
		return Errorf(EINVALID, "err.ws.bay", s.Bays)
	}
	if _, ok := s.Team(team); team != "" && !ok {
		return Errorf(EINVALID, "err.ws.team")
	}
	for _, o := range open {
		if bay != 0 && o.ID != v.ID && o.Status == VisitWorkshop && o.Bay == bay {
			return Errorf(ECONFLICT, "err.ws.bay_taken", bay, o.QueueNo)
		}
	}
	return nil
}

// workshopTexts are the dispatch board's errors (WS-1).
var workshopTexts = Catalog{
	"err.ws.state":     {"只有在车间施工的车辆才能安排工位。", "Only a car in the workshop can be given a bay."},
	"err.ws.bay":       {"工位须为 1 到 %d（0 表示撤出工位）。", "The bay must be 1 to %d (0 takes the car out of its bay)."},
	"err.ws.team":      {"没有这个班组。", "There is no such team."},
	"err.ws.bay_taken": {"%d 号工位已有车辆（%s）。", "Bay %d already holds a car (%s)."},
}
