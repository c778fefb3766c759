"""Watch list entries: kinds from etl/rules/watch.yaml, values normalised as matching compares
them (handles without their @, phone numbers in E.164, names with letter variants folded), and
the list kept in the store, on both stores."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.store.base import GraphStore
from graph.watch.entries import (
    WatchEntry,
    WatchError,
    add_watch,
    import_watch_file,
    read_watch_file,
    read_watches,
    remove_watch,
    watch_key,
)


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


def test_a_watch_list_file_is_read_in_both_scripts(tmp_path):
    file = tmp_path / "watch.yaml"
    file.write_text(
        "watch:\n"
        "  - {kind: handle, value: '@Crossing_UK24', reason: adverts}\n"
        "  - {kind: person, value: 'أحمد إبراهيم'}\n",
        encoding="utf-8",
    )
    entries = read_watch_file(file)
    assert [(e.id, reason) for e, reason in entries] == [
        ("watch:handle:crossing_uk24", "adverts"),
        ("watch:person:احمد ابراهيم", ""),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("watch:\n  - {kind: handle, value: '@ok'}\n  - {kind: boat, value: Sea}\n", "entry 2: unknown"),
        ("watch:\n  - {kind: phone}\n", "entry 1: give a kind and a value"),
        ("- {kind: handle, value: '@ok'}\n", "a list under `watch:`"),
        ("watch: [unclosed\n", "cannot read a watch list"),
    ],
)
def test_a_bad_watch_list_file_is_refused_naming_the_file_and_the_entry(tmp_path, text, message):
    file = tmp_path / "watch.yaml"
    file.write_text(text, encoding="utf-8")
    with pytest.raises(WatchError, match=message) as refused:
        read_watch_file(file)
    assert str(file) in str(refused.value)


def test_importing_a_watch_list_twice_changes_nothing(any_store: GraphStore, tmp_path):
    file = tmp_path / "watch.yaml"
    file.write_text("watch:\n  - {kind: phone, value: '0044 7700 900123', reason: bookings}\n", "utf-8")
    assert [e.id for e in import_watch_file(any_store, file)] == ["watch:phone:+447700900123"]
    first = read_watches(any_store)
    import_watch_file(any_store, file)
    assert read_watches(any_store) == first and first[0]["reason"] == "bookings"
