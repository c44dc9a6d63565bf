package data

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

// Customer returns the customer with id, or ErrNotFound.
func (s *Store) Customer(id uint64) (fo.Customer, error) {
	var c fo.Customer
	err := s.db.View(func(tx *bolt.Tx) error {
		return getJSON(tx.Bucket(bCustomers), u64(id), &c)
	})
	return c, err
}

// CustomerByChat returns the customer linked to a Telegram chat, or
// ErrNotFound.
func (s *Store) CustomerByChat(chatID int64) (fo.Customer, error) {
	var c fo.Customer
	err := s.db.View(func(tx *bolt.Tx) error {
		id := tx.Bucket(bCustChat).Get(i64(chatID))
		if id == nil {
			return fo.ErrNotFound
		}
		return getJSON(tx.Bucket(bCustomers), id, &c)
	})
	return c, err
}

// CustomerByPhone returns the customer with the (normalised) phone, or
// ErrNotFound.
func (s *Store) CustomerByPhone(phone string) (fo.Customer, error) {
	var c fo.Customer
	err := s.db.View(func(tx *bolt.Tx) error {
		id := tx.Bucket(bCustPhone).Get([]byte(phone))
		if id == nil {
			return fo.ErrNotFound
		}
		return getJSON(tx.Bucket(bCustomers), id, &c)
	})
	return c, err
}

// Vehicles returns the vehicles (archives) of a customer.
func (s *Store) Vehicles(customerID uint64) ([]fo.Vehicle, error) {
	var out []fo.Vehicle
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		out, err = vehiclesTx(tx, customerID)
		return err
	})
	return out, err
}

func vehiclesTx(tx *bolt.Tx, customerID uint64) ([]fo.Vehicle, error) {
	var out []fo.Vehicle
	prefix := u64(customerID)
	c := tx.Bucket(bVehCust).Cursor()
	vb := tx.Bucket(bVehicles)
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		var v fo.Vehicle
		if err := getJSON(vb, k[8:16], &v); err != nil {
			return nil, fmt.Errorf("vehicle %d: %w", btou(k[8:16]), err)
		}
		out = append(out, v)
	}
	return out, nil
}

// VehicleByPlate returns the vehicle with the (normalised) plate, or
// ErrNotFound.
func (s *Store) VehicleByPlate(plate string) (fo.Vehicle, error) {
	var v fo.Vehicle
	err := s.db.View(func(tx *bolt.Tx) error {
		id := tx.Bucket(bVehPlate).Get([]byte(plate))
		if id == nil {
			return fo.ErrNotFound
		}
		return getJSON(tx.Bucket(bVehicles), id, &v)
	})
	return v, err
}

// upsertCustomer finds the customer by ID, then by phone, then creates one
// (REC-2: name and contact recorded at the first contact). A known customer
// gets a newly given name, address or chat linked; a chat already linked to
// another customer moves to this one.
func (w *writer) upsertCustomer(in fo.CustomerInput) (fo.Customer, error) {
	cb := w.tx.Bucket(bCustomers)
	var c fo.Customer
	var found bool
	if in.ID != 0 {
		if err := getJSON(cb, u64(in.ID), &c); err != nil {
			return c, err
		}
		found = true
	} else if in.Phone != "" {
		if id := w.tx.Bucket(bCustPhone).Get([]byte(in.Phone)); id != nil {
			if err := getJSON(cb, id, &c); err != nil {
				return c, err
			}
			found = true
			if in.ChatID != 0 && c.ChatID != in.ChatID && !in.Verified {
				return c, fo.Errorf(fo.EFORBIDDEN, "err.phone_verify")
			}
		}
	}
	if !found {
		if in.Phone == "" {
			return c, fo.Errorf(fo.EINVALID, "err.phone")
		}
		if in.Name == "" {
			return c, fo.Errorf(fo.EINVALID, "err.name")
		}
		id, err := nextID(cb)
		if err != nil {
			return c, err
		}
		c = fo.Customer{ID: id, Phone: in.Phone, Lang: in.Lang, CreatedAt: w.now}
		if c.Lang == "" {
			c.Lang = fo.ZH
		}
		if err := w.tx.Bucket(bCustPhone).Put([]byte(in.Phone), u64(id)); err != nil {
			return c, err
		}
	}
	// A customer found by a phone that nobody proved (a kiosk walk-in, a
	// typed number) keeps the archive's name, address and language: a
	// stranger typing a number must not rewrite someone's archive. Only
	// empty fields are filled.
	trusted := !found || in.ID != 0 || in.Verified
	if in.Name != "" && (trusted || c.Name == "") {
		c.Name = in.Name
	}
	if in.Address != "" && (trusted || c.Address == "") {
		c.Address = in.Address
	}
	if in.Consent {
		c.Consent = true
	}
	if in.Lang != "" && (trusted || c.Lang == "") {
		c.Lang = in.Lang
	}
	if in.ChatID != 0 && c.ChatID != in.ChatID {
		if err := w.linkChat(&c, in.ChatID); err != nil {
			return c, err
		}
	}
	c.UpdatedAt = w.now
	return c, putJSON(cb, u64(c.ID), c)
}

// linkChat links chatID to c, unlinking it from any other customer. The
// caller stores c.
func (w *writer) linkChat(c *fo.Customer, chatID int64) error {
	chats := w.tx.Bucket(bCustChat)
	cb := w.tx.Bucket(bCustomers)
	if prev := chats.Get(i64(chatID)); prev != nil && btou(prev) != c.ID {
		var other fo.Customer
		if err := getJSON(cb, prev, &other); err == nil {
			other.ChatID = 0
			if err := putJSON(cb, prev, other); err != nil {
				return err
			}
		}
	}
	if c.ChatID != 0 {
		if err := chats.Delete(i64(c.ChatID)); err != nil {
			return err
		}
	}
	c.ChatID = chatID
	return chats.Put(i64(chatID), u64(c.ID))
}

// upsertVehicle finds the vehicle by plate or creates its archive for the
// customer (ARC-1: one archive per vehicle). A plate on file under another
// customer stays theirs: a family member or driver may book for it, and
// typing a plate must not take someone's archive. Staff move a vehicle
// that changed hands in the console.
func (w *writer) upsertVehicle(customerID uint64, plate string) (fo.Vehicle, error) {
	vb := w.tx.Bucket(bVehicles)
	var v fo.Vehicle
	if id := w.tx.Bucket(bVehPlate).Get([]byte(plate)); id != nil {
		err := getJSON(vb, id, &v)
		return v, err
	}
	id, err := nextID(vb)
	if err != nil {
		return v, err
	}
	v = fo.Vehicle{ID: id, CustomerID: customerID, Plate: plate, CreatedAt: w.now, UpdatedAt: w.now}
	if err := w.tx.Bucket(bVehPlate).Put([]byte(plate), u64(id)); err != nil {
		return v, err
	}
	if err := w.tx.Bucket(bVehCust).Put(key(customerID, v.ID), nil); err != nil {
		return v, err
	}
	return v, putJSON(vb, u64(v.ID), v)
}

// SaveCustomer stores changes to an existing customer's archive fields
// (name, address, follow-up staff, language). The phone and chat are kept.
func (s *Store) SaveCustomer(c fo.Customer) error {
	return s.update(func(tx *bolt.Tx, w *writer) error {
		var old fo.Customer
		if err := getJSON(tx.Bucket(bCustomers), u64(c.ID), &old); err != nil {
			return err
		}
		c.Phone, c.ChatID, c.CreatedAt = old.Phone, old.ChatID, old.CreatedAt
		c.UpdatedAt = w.now
		return putJSON(tx.Bucket(bCustomers), u64(c.ID), c)
	})
}

// SaveVehicle stores changes to an existing vehicle's archive fields. The
// plate and owner are kept.
func (s *Store) SaveVehicle(v fo.Vehicle) error {
	return s.update(func(tx *bolt.Tx, w *writer) error {
		var old fo.Vehicle
		if err := getJSON(tx.Bucket(bVehicles), u64(v.ID), &old); err != nil {
			return err
		}
		v.Plate, v.CustomerID, v.CreatedAt = old.Plate, old.CustomerID, old.CreatedAt
		v.UpdatedAt = w.now
		return putJSON(tx.Bucket(bVehicles), u64(v.ID), v)
	})
}

// LinkChat links a Telegram chat to a customer (for pickup notices and the
// like); the chat leaves any other customer.
func (s *Store) LinkChat(customerID uint64, chatID int64, lang fo.Lang) (fo.Customer, error) {
	var c fo.Customer
	err := s.update(func(tx *bolt.Tx, w *writer) error {
		if err := getJSON(tx.Bucket(bCustomers), u64(customerID), &c); err != nil {
			return err
		}
		if err := w.linkChat(&c, chatID); err != nil {
			return err
		}
		if lang != "" {
			c.Lang = lang
		}
		c.UpdatedAt = w.now
		return putJSON(tx.Bucket(bCustomers), u64(c.ID), c)
	})
	return c, err
}

// linkToken is a single-use token of a kiosk QR code: opening the bot with
// it links the chat to the customer.
type linkToken struct {
	CustomerID uint64    `json:"customer_id"`
	VisitID    uint64    `json:"visit_id,omitempty"`
	Expires    time.Time `json:"expires"`
}

// LinkTokenTTL is how long a kiosk QR code can be used.
const LinkTokenTTL = 15 * time.Minute

// CreateLinkToken returns a new opaque single-use token (22 characters of
// [A-Za-z0-9_-], fit for a Telegram deep link) that links a chat to the
// customer within LinkTokenTTL. Expired tokens are swept on the way.
func (s *Store) CreateLinkToken(customerID, visitID uint64) (string, error) {
	buf := make([]byte, 16)
	if _, err := rand.Read(buf); err != nil {
		return "", err
	}
	tok := base64.RawURLEncoding.EncodeToString(buf)
	err := s.update(func(tx *bolt.Tx, w *writer) error {
		b := tx.Bucket(bLinkTokens)
		var stale [][]byte
		b.ForEach(func(k, v []byte) error {
			var t linkToken
			if json.Unmarshal(v, &t) != nil || !t.Expires.After(w.now) {
				stale = append(stale, bytes.Clone(k))
			}
			return nil
		})
		for _, k := range stale {
			if err := b.Delete(k); err != nil {
				return err
			}
		}
		return putJSON(b, []byte(tok), linkToken{CustomerID: customerID, VisitID: visitID, Expires: w.now.Add(LinkTokenTTL)})
	})
	return tok, err
}

// RedeemLinkToken links chatID to the token's customer and spends the
// token. An unknown, used or expired token is ErrStale.
func (s *Store) RedeemLinkToken(token string, chatID int64, lang fo.Lang) (fo.Customer, error) {
	var c fo.Customer
	err := s.update(func(tx *bolt.Tx, w *writer) error {
		b := tx.Bucket(bLinkTokens)
		var t linkToken
		if len(token) > 64 || getJSON(b, []byte(token), &t) != nil || !t.Expires.After(w.now) {
			return fo.ErrStale
		}
		if err := b.Delete([]byte(token)); err != nil {
			return err
		}
		if err := getJSON(tx.Bucket(bCustomers), u64(t.CustomerID), &c); err != nil {
			return err
		}
		if err := w.linkChat(&c, chatID); err != nil {
			return err
		}
		if lang != "" {
			c.Lang = lang
		}
		c.UpdatedAt = w.now
		return putJSON(tx.Bucket(bCustomers), u64(c.ID), c)
	})
	return c, err
}
