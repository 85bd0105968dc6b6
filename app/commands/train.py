"""`torch-playground train`: train a small network on a seeded 2-D dataset, as the Training panel does."""

from __future__ import annotations

import json
import math
from pathlib import Path

from app.cli import Renderers, UsageError

HELP = "train a small network on a 2-D dataset (line, two_blobs, xor, circles, moons, spiral, blobs)"
NUMERIC_OPTIONS = ("--lr", "--noise")
MAX_EPOCHS = 100_000
# Options that describe the model and its data: a resumed run takes them from its checkpoint.
_FROM_CHECKPOINT = ("dataset", "noise", "hidden", "activation", "loss", "optimizer", "lr", "batch_size", "seed")


def add_arguments(parser) -> None:
    parser.add_argument("--dataset", help="line, two_blobs, xor, circles, moons, spiral or blobs")
    parser.add_argument("--noise", type=float, help="how noisy the points are (0 to 1; default: the dataset's)")
    parser.add_argument("--hidden", help="neurons per hidden layer, e.g. 4,4 (up to 3 layers of 1 to 8); "
                                         "0 or '' for none (linear or logistic regression). Default 4,4")
    parser.add_argument("--activation", help="hidden activation: tanh, relu, sigmoid or identity (default tanh)")
    parser.add_argument("--loss", help="mse, bce or cross_entropy (default: the one the dataset needs)")
    parser.add_argument("--optimizer", help="sgd, adam, ... (app/optimizers.py; default sgd)")
    parser.add_argument("--lr", type=float, help="learning rate (default 0.3)")
    parser.add_argument("--batch-size", type=int, help="points per optimizer step (default 10)")
    parser.add_argument("--epochs", type=int, default=100, help="epochs to train (default 100)")
    parser.add_argument("--seed", type=int, help="seeds the data, the initial weights and the shuffling (default 0)")
    parser.add_argument("--device", default="cpu", help="auto, cpu, cuda, cuda:N or mps (default cpu)")
    parser.add_argument("--save", metavar="FILE", help="write a checkpoint (state_dicts, loaded safely) to FILE")
    parser.add_argument("--resume", metavar="FILE", help="continue the run saved in FILE for --epochs more")
    parser.add_argument("--plot", metavar="FILE.png", help="draw the data, the boundary and the loss curves")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a summary")


def parse_hidden(text: str | None) -> tuple[int, ...]:
    if text is None:
        return (4, 4)
    if text.strip() in ("", "0"):
        return ()
    try:
        return tuple(int(part) for part in text.split(","))
    except ValueError:
        raise UsageError(f"--hidden must be whole numbers separated by commas, e.g. 4,4, got '{text}'") from None


def config_from(args):
    from app import datasets, training

    if args.dataset is None:
        raise UsageError("train: give --dataset NAME (or --resume FILE)")
    info = datasets.get(args.dataset)
    data = datasets.DataConfig(name=info.name, noise=info.default_noise if args.noise is None else args.noise,
                               seed=0 if args.seed is None else args.seed)
    return training.TrainConfig(
        data=data, hidden=parse_hidden(args.hidden), activation=args.activation or "tanh",
        loss=args.loss or training.default_loss(info.name), optimizer=args.optimizer or "sgd",
        lr=0.3 if args.lr is None else args.lr, batch_size=10 if args.batch_size is None else args.batch_size)


def check_paths(args) -> tuple[Path | None, Path | None]:
    save = Path(args.save) if args.save else None
    plot = Path(args.plot) if args.plot else None
    if plot is not None and plot.suffix.lower() != ".png":
        raise UsageError(f"--plot must end in .png, got '{args.plot}'")
    for option, path in (("--save", save), ("--plot", plot)):
        if path is not None and path.is_dir():
            raise UsageError(f"{option} is a folder: '{path}'; give a file name, e.g. {path / 'run.pt'}"
                             if option == "--save" else f"{option} is a folder: '{path}'")
        if path is not None and not path.parent.exists():
            raise UsageError(f"{option} folder does not exist: '{path.parent}'")
    return save, plot


def run(args, renderers: Renderers) -> int:
    from app import checkpoints, devices, training

    if not 0 <= args.epochs <= MAX_EPOCHS:
        raise UsageError(f"--epochs must be between 0 and {MAX_EPOCHS}, got {args.epochs}")
    save, plot = check_paths(args)
    renderer = renderers.get("train")
    if plot is not None and renderer is None:
        raise UsageError("--plot needs the GUI libraries (PySide6, pyqtgraph)")
    device = devices.resolve(args.device)
    if args.resume:
        given = [f"--{name.replace('_', '-')}" for name in _FROM_CHECKPOINT if getattr(args, name) is not None]
        if given:
            raise UsageError(f"--resume takes the data and the model from the checkpoint; leave out {', '.join(given)}")
        trainer = checkpoints.load(args.resume, device).trainer
    else:
        trainer = training.Trainer(config_from(args), device)
    last = None
    for record in training.train(trainer, epochs=args.epochs, map_period=math.inf):
        last = record
    if last is None:
        last = trainer.record()
    if last.diverged:
        raise UsageError(f"training diverged in epoch {last.epoch + 1} (the loss became NaN or infinite); "
                         "lower --lr")
    try:
        if save is not None:
            checkpoints.save(trainer, save)
        if plot is not None:
            renderer(trainer, last, plot)
    except OSError as exc:
        raise UsageError(f"cannot write {exc.filename or save}: {exc.strerror or exc}") from None
    result = report(trainer, last)
    if args.json:
        print(json.dumps(result, allow_nan=False))
    else:
        print(summary(trainer, result, save, plot))
    return 0


def report(trainer, record) -> dict:
    from app import training

    m = record.metrics
    return {"epoch": trainer.epoch, "train_loss": m.train_loss, "test_loss": m.test_loss, "accuracy": m.accuracy,
            "history": training.history_rows(trainer.history)}


def summary(trainer, result: dict, save: Path | None, plot: Path | None) -> str:
    accuracy = ""
    if result["accuracy"] is not None:
        accuracy = (f", accuracy {trainer.evaluate().train_accuracy:.1%} train / {result['accuracy']:.1%} test")
    lines = [(f"{trainer.config.data.name}: epoch {result['epoch']}, train loss {result['train_loss']:.6g}, "
              f"test loss {result['test_loss']:.6g}{accuracy}")]
    lines += [f"wrote {path}" for path in (save, plot) if path is not None]
    return "\n".join(lines)
