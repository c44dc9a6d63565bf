package frontoffice

// queueTexts are the supervisors' notices about the queues (queue.go).
var queueTexts = Catalog{
	"queue.parked": {
		"⚠️ %s中的一项多次失败，已暂停：%s（已试 %d 次）。\n最后的错误：%s\n请在工作台“队列”页面查看并重试。",
		"⚠️ An entry of the %s failed repeatedly and is parked: %s (tried %d times).\nLast error: %s\nSee the console's Queue page to retry it.",
	},
	"queue.name.outbox": {"消息发送队列", "message outbox"},
	"queue.name.due":    {"定时任务队列", "scheduled work"},
}
