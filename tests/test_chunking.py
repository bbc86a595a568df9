from fakes import FakeModel

from summarizer.text.chunking import length_sorted_batches, pack_consecutive, split_oversized


def test_batches_cover_every_index_once_and_respect_budget():
    lengths = [5, 40, 3, 17, 17, 60, 1, 9, 33, 2]
    batches = length_sorted_batches(lengths, max_batch_tokens=64, max_batch_size=3)
    flat = sorted(i for b in batches for i in b)
    assert flat == list(range(len(lengths)))
    for b in batches:
        assert len(b) <= 3
        assert len(b) == 1 or max(lengths[i] for i in b) * len(b) <= 64
    # Longest first: the first batch holds the longest item.
    assert 5 in batches[0]


def test_pack_consecutive_keeps_order_and_budget():
    groups = pack_consecutive([3, 4, 5, 6, 20, 1], budget=10)
    assert [i for g in groups for i in g] == list(range(6))
    assert groups == [[0, 1], [2], [3], [4], [5]]


def test_split_oversized_prefers_clauses_then_windows():
    model = FakeModel()
    text = "satu dua tiga empat, lima enam tujuh delapan; sembilan sepuluh sebelas dua belas"
    pieces = split_oversized(text, 6, model.count_tokens, model.split_tokens)
    assert " ".join(pieces).split() == text.split()
    assert all(model.count_tokens([p])[0] <= 6 for p in pieces)
    assert pieces[0] == "satu dua tiga empat,"

    no_breaks = " ".join(f"kata{i}" for i in range(30))
    pieces = split_oversized(no_breaks, 8, model.count_tokens, model.split_tokens)
    assert " ".join(pieces) == no_breaks
    assert all(model.count_tokens([p])[0] <= 8 for p in pieces)


def test_split_keeps_short_text_whole():
    model = FakeModel()
    assert split_oversized("pendek saja", 10, model.count_tokens, model.split_tokens) == ["pendek saja"]


def test_split_by_words_loses_no_character():
    from summarizer.text.chunking import split_by_words

    model = FakeModel()
    text = "kata " * 20 + "https://contoh.co.id/" + "x" * 50 + " 中文 akhir"
    pieces = split_by_words(text, 6, lambda ts: [len(t) // 4 + 1 for t in ts])
    assert "".join(pieces).replace(" ", "") == text.replace(" ", "")
    assert all(len(p) // 4 + 1 <= 6 for p in pieces)
    assert split_by_words("", 5, model.count_tokens) == []
