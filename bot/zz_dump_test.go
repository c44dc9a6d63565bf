package bot

import (
	"os"
	"testing"
)

// dumpChats logs the chats' messages when DUMP_CHATS is set (reading what
// the customer and the staff received).
func (h *harness) dumpChats(t *testing.T, chats ...int64) {
	if os.Getenv("DUMP_CHATS") == "" {
		return
	}
	for _, c := range chats {
		t.Logf("===== chat %d =====\n%s", c, h.dump(c))
	}
}
