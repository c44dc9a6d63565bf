package data

// Lobby devices (issue 10): the kiosks and TVs enrolled from the console.
//
// Buckets and key layouts:
//
//	devices       id → JSON fo.Device; id 0 (fo.LocalDeviceID) is the
//	              server's own machine, written at its first unlock
//	device_tokens SHA-256(device token) → device id
//	device_codes  SHA-256(enrolment code) → JSON enrolment (single use,
//	              fo.EnrolmentTTL; expired ones are swept on the way)
//
// Only hashes of tokens and codes are kept: a copy of the data file does
// not let anyone act as a kiosk.

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"time"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

// enrolment is a code waiting for its device.
type enrolment struct {
	Name    string    `json:"name"`
	By      string    `json:"by"`
	Expires time.Time `json:"expires"`
}

func hashSecret(s string) []byte {
	h := sha256.Sum256([]byte(s))
	return h[:]
}

// CreateEnrolment returns a new single-use enrolment code for a device to
// be called name, valid for fo.EnrolmentTTL, and when it expires. A bad
// name is an EINVALID *Error.
func (s *Store) CreateEnrolment(name, by string) (string, time.Time, error) {
	name, err := fo.ParseDeviceName(name)
	if err != nil {
		return "", time.Time{}, err
	}
	buf := make([]byte, fo.EnrolCodeLen)
	rand.Read(buf)
	code := fo.NewEnrolCode(buf)
	var exp time.Time
	err = s.update(func(tx *bolt.Tx, w *writer) error {
		b := tx.Bucket(bDeviceCodes)
		if err := sweepEnrolments(b, w.now); err != nil {
			return err
		}
		exp = w.now.Add(fo.EnrolmentTTL)
		return putJSON(b, hashSecret(code), enrolment{Name: name, By: by, Expires: exp})
	})
	return code, exp, err
}

func sweepEnrolments(b *bolt.Bucket, now time.Time) error {
	var old [][]byte
	b.ForEach(func(k, v []byte) error {
		var e enrolment
		if jsonUnmarshal(v, &e) != nil || !now.Before(e.Expires) {
			old = append(old, k)
		}
		return nil
	})
	for _, k := range old {
		if err := b.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

// EnrolDevice redeems an enrolment code (as typed; fo.NormalizeEnrolCode)
// and returns the new device and its token, which the device keeps in a
// cookie. An unknown, used or expired code is ErrNotFound.
func (s *Store) EnrolDevice(code string) (string, fo.Device, error) {
	code = fo.NormalizeEnrolCode(code)
	if code == "" {
		return "", fo.Device{}, fo.ErrNotFound
	}
	buf := make([]byte, 32)
	rand.Read(buf)
	token := base64.RawURLEncoding.EncodeToString(buf)
	var d fo.Device
	err := s.update(func(tx *bolt.Tx, w *writer) error {
		codes := tx.Bucket(bDeviceCodes)
		var e enrolment
		if err := getJSON(codes, hashSecret(code), &e); err != nil {
			return err
		}
		if err := codes.Delete(hashSecret(code)); err != nil {
			return err
		}
		if !w.now.Before(e.Expires) {
			return fo.ErrNotFound
		}
		b := tx.Bucket(bDevices)
		id, err := nextID(b)
		if err != nil {
			return err
		}
		d = fo.Device{ID: id, Name: e.Name, By: e.By, CreatedAt: w.now}
		if err := tx.Bucket(bDeviceTokens).Put(hashSecret(token), u64(id)); err != nil {
			return err
		}
		return putJSON(b, u64(id), d)
	})
	if err != nil {
		return "", fo.Device{}, err
	}
	return token, d, nil
}

// DeviceByToken returns the enrolled device whose token this is;
// ErrNotFound for an unknown token or a revoked device.
func (s *Store) DeviceByToken(token string) (fo.Device, error) {
	var d fo.Device
	if token == "" {
		return d, fo.ErrNotFound
	}
	err := s.db.View(func(tx *bolt.Tx) error {
		id := tx.Bucket(bDeviceTokens).Get(hashSecret(token))
		if id == nil {
			return fo.ErrNotFound
		}
		if err := getJSON(tx.Bucket(bDevices), id, &d); err != nil {
			return err
		}
		if d.Revoked() {
			return fo.ErrNotFound
		}
		return nil
	})
	return d, err
}

func getDevice(tx *bolt.Tx, id uint64) (fo.Device, error) {
	var d fo.Device
	err := getJSON(tx.Bucket(bDevices), u64(id), &d)
	if errors.Is(err, fo.ErrNotFound) && id == fo.LocalDeviceID {
		return fo.Device{ID: fo.LocalDeviceID}, nil
	}
	return d, err
}

// Device returns the device with id (fo.LocalDeviceID always exists), or
// ErrNotFound.
func (s *Store) Device(id uint64) (fo.Device, error) {
	var d fo.Device
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		d, err = getDevice(tx, id)
		return err
	})
	return d, err
}

// Devices returns the server's own machine and every enrolled device,
// revoked ones included, in enrolment order.
func (s *Store) Devices() ([]fo.Device, error) {
	var out []fo.Device
	err := s.db.View(func(tx *bolt.Tx) error {
		local, err := getDevice(tx, fo.LocalDeviceID)
		if err != nil {
			return err
		}
		out = append(out, local)
		return tx.Bucket(bDevices).ForEach(func(k, v []byte) error {
			if btou(k) == fo.LocalDeviceID {
				return nil
			}
			var d fo.Device
			if err := jsonUnmarshal(v, &d); err != nil {
				return err
			}
			out = append(out, d)
			return nil
		})
	})
	return out, err
}

// RevokeDevice revokes a device: its token no longer works, at once. The
// server's own machine cannot be revoked (ENOTALLOWED).
func (s *Store) RevokeDevice(id uint64, by string) (fo.Device, error) {
	return s.changeDevice(id, func(d *fo.Device, now time.Time) error {
		if d.Local() {
			return fo.ErrNotAllowed
		}
		if !d.Revoked() {
			d.RevokedAt, d.RevokedBy = now, by
		}
		return nil
	})
}

// UnlockDevice refills a device's kiosk limits (the kiosk reads Unlocks at
// its next request).
func (s *Store) UnlockDevice(id uint64, by string) (fo.Device, error) {
	return s.changeDevice(id, func(d *fo.Device, _ time.Time) error {
		d.Unlocks++
		return nil
	})
}

func (s *Store) changeDevice(id uint64, fn func(d *fo.Device, now time.Time) error) (fo.Device, error) {
	var d fo.Device
	err := s.update(func(tx *bolt.Tx, w *writer) error {
		var err error
		if d, err = getDevice(tx, id); err != nil {
			return err
		}
		if err := fn(&d, w.now); err != nil {
			return err
		}
		return putJSON(tx.Bucket(bDevices), u64(id), d)
	})
	return d, err
}
