"""Watch list entries: kinds from etl/rules/watch.yaml, values normalised as matching compares
them (handles without their @, phone numbers in E.164, names with letter variants folded), and
the list kept in the store, on both stores."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.store.base import GraphStore
from graph.watch.entries import WatchEntry, WatchError, add_watch, read_watches, remove_watch, watch_key


@pytest.mark.parametrize(
    ("kind", "value", "key"),
    [
        ("handle", "@Crossing_UK24", "crossing_uk24"),
        ("handle", "@مهرب_لندن", "مهرب_لندن"),
        ("phone", "0044 7700 900123", "+447700900123"),
        ("phone", "+٤٤ ٧٧٠٠ ٩٠٠١٢٣", "+447700900123"),  # Arabic-Indic digits
        ("person", "  Karwan   SALEH ", "karwan saleh"),
        ("person", "أحمد إبراهيم", "احمد ابراهيم"),  # hamza forms folded
        ("vessel", "Sea Star", "sea star"),
        ("organisation", "الشرطة الفرنسية", "الشرطه الفرنسيه"),  # taa marbuta folded
    ],
)
def test_a_value_is_kept_as_matching_compares_it(kind, value, key):
    entry = WatchEntry.of(kind, value)
    assert entry.key == key and entry.id == f"watch:{kind}:{key}" and entry.value == value.strip()


def test_an_unknown_kind_or_an_empty_value_is_refused():
    with pytest.raises(WatchError, match="unknown watch kind 'boat'"):
        WatchEntry.of("boat", "Sea Star")
    with pytest.raises(WatchError, match="nothing to watch"):
        WatchEntry.of("handle", " @ ")


@given(st.sampled_from(["handle", "person", "vessel", "organisation"]), st.text(min_size=1, max_size=40))
def test_a_key_is_its_own_key(kind, value):
    """Normalising twice changes nothing: an entry added by its key is the same entry."""
    try:
        key = watch_key(kind, value)
    except WatchError:
        return
    assert watch_key(kind, key) == key


def test_the_list_is_kept_in_the_store(any_store: GraphStore):
    add_watch(any_store, WatchEntry.of("handle", "@Crossing_UK24"), analyst="ops", reason="adverts")
    add_watch(any_store, WatchEntry.of("person", "كاروان صالح"), analyst="ops")
    add_watch(any_store, WatchEntry.of("handle", "crossing_uk24"), analyst="ops", reason="adverts")  # again
    watches = read_watches(any_store)
    assert [(w["id"], w["kind"], w["added_by"]) for w in watches] == [
        ("watch:handle:crossing_uk24", "handle", "ops"),
        ("watch:person:كاروان صالح", "person", "ops"),
    ]
    assert all(w["added_at"] for w in watches)
    assert remove_watch(any_store, "watch:handle:crossing_uk24")
    assert not remove_watch(any_store, "watch:handle:crossing_uk24")
    assert [w["id"] for w in read_watches(any_store)] == ["watch:person:كاروان صالح"]
