from fakes import FakeModel

from summarizer.models.base import GenerationSettings
from summarizer.summarize import AbstractiveSummarizer


def first_words(n):
    return lambda text: " ".join(text.split()[:n]) + "."


def make(max_input=40, words=4, budget=12):
    model = FakeModel(max_input_tokens=max_input, transform=first_words(words))
    settings = {
        k: GenerationSettings(max_new_tokens=budget, min_new_tokens=4) for k in ("short", "medium", "long")
    }
    return model, AbstractiveSummarizer(model, settings, prompt="ringkas: {text}")


def article(sentences):
    return " ".join(f"Kalimat nomor {i} berisi fakta penting tentang kota." for i in range(sentences))


def test_short_text_is_one_call_with_the_prompt():
    model, summ = make()
    out = summ.summarize(article(2))
    assert out.chunks == 1
    assert model.batches == [[f"ringkas: {article(2)}"]]
    assert model.settings[0].max_new_tokens == 12


def test_long_text_is_chunked_on_sentences_and_fully_read():
    model, summ = make(max_input=40, budget=120)
    text = article(12)  # ~96 words: several chunks of a 40-token model
    out = summ.summarize(text)
    assert out.chunks > 1
    first_pass = (
        [c.removeprefix("ringkas: ") for c in model.batches[0]] if len(model.batches[0]) > 1 else None
    )
    seen = " ".join(c.removeprefix("ringkas: ") for b in model.batches for c in b)
    for i in range(12):
        assert f"Kalimat nomor {i} " in seen  # no sentence skipped
    assert first_pass is None or all(c.endswith(".") for c in first_pass)  # cut on sentence ends
    # The summary budget (120 new tokens) is shared out over the chunks.
    assert model.settings[0].max_new_tokens == max(24, -(-120 // out.chunks))
    assert model.settings[0].min_new_tokens == -(-4 // out.chunks)


def test_second_pass_only_when_joined_parts_are_too_long():
    model, summ = make(max_input=40, words=3, budget=60)
    summ.summarize(article(12))
    assert len(model.batches) == 1  # joined part summaries fit the budget: no second pass

    model, summ = make(max_input=40, words=8, budget=10)
    out = summ.summarize(article(30))
    assert len(model.batches) > 1 and out.text
    assert out.chunks == len(model.batches[0])


def test_many_texts_share_model_calls():
    model, summ = make(max_input=200)
    outs = summ.summarize_many([article(2), article(3), article(4)])
    assert len(outs) == 3 and len(model.batches) == 1


def test_a_short_neighbour_does_not_change_the_others_settings():
    # Issue 11: the minimum length was the shortest text's of the whole call, so a summary depended
    # on which articles shared its batch. Now each text keeps its own.
    model, summ = make(max_input=200)
    summ.summarize_many([article(2), article(1)])
    by_text = {t: s for batch, s in zip(model.batches, model.settings) for t in batch}
    assert by_text[f"ringkas: {article(2)}"].min_new_tokens == 4
    assert (by_text[f"ringkas: {article(1)}"].min_new_tokens or 0) < 4


def test_unfinished_last_sentence_is_trimmed():
    from summarizer.summarize.abstractive import trim_fragment

    assert trim_fragment("Harga naik 3,5 persen. Pemerintah akan") == "Harga naik 3,5 persen."
    assert trim_fragment("“Kami siap,” kata Dr. Ani. Dia juga") == "“Kami siap,” kata Dr. Ani."
    assert trim_fragment("Dr. Ani berkata bahwa") == "Dr. Ani berkata bahwa"  # nothing complete: keep
    assert trim_fragment("Semua selesai.") == "Semua selesai."
