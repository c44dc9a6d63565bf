package frontoffice

// CustomerHistory is what an archive shows beside the vehicle's visits
// (ARC-1): the customer's complaints, follow-up calls and surveys, each
// oldest first. The manual's archive holds 「安装服务项目、修理保养情况、结算情况、投诉情况」;
// the calls are the 跟踪服务客户电话记录表 kept with it (FU-7).
type CustomerHistory struct {
	Complaints []Complaint
	Calls      []Call
	Surveys    []Survey
}
