package frontoffice

// queueCallTexts are what a waiting customer is told of their queue number
// (queue_call.go).
var queueCallTexts = Catalog{
	"visit.queue.ticket": {
		"您好，%s：您的排队号是 %s（车牌 %s），前面还有 %d 位。叫到您的号时我们会在这里通知您，您可以在车里或附近稍候。",
		"Hello from %s: your queue number is %s (plate %s), with %d ahead of you. We will tell you here when your number is called, so you can wait in your car or nearby.",
	},
	"visit.queue.ticket_next": {
		"您好，%s：您的排队号是 %s（车牌 %s），前面没有人在等，马上就叫到您。叫号时我们会在这里通知您。",
		"Hello from %s: your queue number is %s (plate %s), and nobody is ahead of you: you are next. We will tell you here when your number is called.",
	},
	"visit.queue.call":   {"%s，请到前台。", "%s, please come to the desk."},
	"visit.queue.recall": {"%s，再次叫号，请到前台。", "%s, please come to the desk (called again)."},
	"visit.queue.moved": {
		"刚才叫到 %s 号时您不在，号码已顺延，现在前面还有 %d 位。到号时我们会再通知您。",
		"Your number %s was called while you were away and has been moved back: %d ahead of you now. We will tell you again when it is called.",
	},
	"err.move_back": {"顺延位数须为 1 到 %d。", "Move back by 1 to %d places."},
}
