package bot

import fo "frontoffice"

// stationTexts are the bot's own texts of the service network (issue 14):
// the commands of customers asking for stations and of stations' groups.
// The messages themselves are the domain's (texts_station.go).
var stationTexts = fo.Catalog{
	"cmd.stations": {Zh: "外地授权服务网点", En: "Authorised stations elsewhere"},
	"cmd.job":      {Zh: "上报一项服务工作", En: "Report a job done"},
	"cmd.jobs":     {Zh: "本月上报的工作", En: "Jobs reported this month"},
}
