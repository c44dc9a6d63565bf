package main

// The zone database is embedded, so that a machine without zoneinfo runs
// in the shop's real zone, never on a fixed offset (about 450 KB).
import _ "time/tzdata"
