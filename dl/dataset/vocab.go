package dataset

import "slices"

// table is the mapping both vocabularies share: the items in ID order, their
// reverse index, and the unknown policy (NoUnknown, or the ID unknown items
// encode to).
type table[T comparable] struct {
	Unknown int
	items   []T
	ids     map[T]int
}

func newTable[T comparable](items []T) table[T] {
	t := table[T]{Unknown: NoUnknown, items: items, ids: make(map[T]int, len(items))}
	for i, x := range items {
		t.ids[x] = i
	}
	return t
}

// withUnknown returns a copy that encodes unknown items as x, adding x at
// the end (ID len(items)) when it is not already in the table.
func (t table[T]) withUnknown(x T) table[T] {
	items := slices.Clone(t.items)
	id, ok := t.ids[x]
	if !ok {
		id = len(items)
		items = append(items, x)
	}
	w := newTable(items)
	w.Unknown = id
	return w
}

// lookup returns x's ID under the unknown policy; ok is false only when x
// is unknown and the policy is NoUnknown.
func (t *table[T]) lookup(x T) (id int, ok bool) {
	if id, ok := t.ids[x]; ok {
		return id, true
	}
	return t.Unknown, t.Unknown != NoUnknown
}

// item returns the item with ID id; ok is false when id is out of range.
func (t *table[T]) item(id int) (x T, ok bool) {
	if id < 0 || id >= len(t.items) {
		return x, false
	}
	return t.items[id], true
}
