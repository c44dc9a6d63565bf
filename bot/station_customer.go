package bot

import (
	"errors"
	"strconv"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	fo "frontoffice"
)

// Customers and the service network: a customer asking for service
// elsewhere (/stations, or the menu's entry) types or picks their city and
// gets the nearest certified stations with their hotlines, nothing else of
// them (NET-1); a customer of a station sampled for a spot check answers
// its survey here (NET-4): a score 1–5 pressed, then a comment typed or
// "none".

// Flows of this file.
const (
	flowStations     = "stations"      // a city typed or picked
	flowStationCheck = "station_check" // a spot check's comment
	stepCity         = "city"
)

// dataMenuStations is the main menu's entry.
const dataMenuStations = "m:stations"

// maxCityButtons bounds the cities offered as buttons.
const maxCityButtons = 8

// startStations asks for the customer's city, offering the cities with a
// station as buttons.
func (t *turn) startStations() error {
	all, err := t.b.stations.Stations()
	if err != nil {
		return err
	}
	t.conv = &conversation{Flow: flowStations, Step: stepCity, Nonce: newNonce()}
	cities := fo.StationCities(all, t.now)
	if len(cities) == 0 {
		t.say(t.T("station.near.ask_none"), nil)
		return nil
	}
	var bs []fo.Button
	for i, c := range cities[:min(len(cities), maxCityButtons)] {
		bs = append(bs, button(c, t.conv.data("city", strconv.Itoa(i))))
	}
	t.say(t.T("station.near.ask"), grid(bs, 4))
	return nil
}

// nearestStations answers with the stations nearest place.
func (t *turn) nearestStations(place string) error {
	all, err := t.b.stations.Stations()
	if err != nil {
		return err
	}
	t.conv = nil
	t.say(fo.NearestStationsText(t.lang, place, fo.NearestStations(all, place, t.now)), nil)
	return nil
}

// stationsAction handles a city's button.
func (t *turn) stationsAction(a convAction) error {
	if a.action != "city" {
		t.stale()
		return nil
	}
	all, err := t.b.stations.Stations()
	if err != nil {
		return err
	}
	cities := fo.StationCities(all, t.now)
	i, err := strconv.Atoi(a.arg)
	if err != nil || i < 0 || i >= len(cities) {
		t.stale()
		return nil
	}
	t.editID = 0
	return t.nearestStations(cities[i])
}

// stationCheckAnswer records a spot-check survey's press (NET-4): a score
// asks for the comment; "none" (score 0) ends the survey. A press from
// another chat than the one asked, or once answered, is stale.
func (t *turn) stationCheckAnswer(cq *tgbotapi.CallbackQuery, id uint64, score int) error {
	msg := 0
	if cq.Message != nil {
		msg = cq.Message.MessageID
	}
	if score == 0 {
		if t.conv == nil || t.conv.Flow != flowStationCheck || t.conv.StationJob != id {
			t.stale()
			return nil
		}
		t.conv = nil
		t.send(fo.Message{EditMessageID: msg, Text: t.T("stcheck.thanks")})
		return nil
	}
	_, err := t.b.stations.AnswerStationCheck(id, t.chatID, score)
	switch {
	case errors.Is(err, fo.ErrStale) || errors.Is(err, fo.ErrNotFound):
		t.stale()
		return nil
	case err != nil:
		return err
	}
	t.conv = &conversation{Flow: flowStationCheck, Step: stepComment, Nonce: newNonce(), StationJob: id, Message: msg}
	t.send(fo.Message{EditMessageID: msg, Text: t.T("stcheck.comment", score),
		Buttons: [][]fo.Button{{button(t.T("btn.stcheck.none"), fo.StationCheckData(id, 0))}}})
	return nil
}

// stationCheckComment records the comment typed after the score.
func (t *turn) stationCheckComment(text string) error {
	j, err := t.b.stations.CommentStationCheck(t.conv.StationJob, t.chatID, text)
	return t.commented(err, "stcheck.closed", func() string { return t.T("stcheck.comment_got", j.Check.Score, text) })
}
