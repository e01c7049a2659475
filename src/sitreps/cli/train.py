"""``sitreps train``: fit the trained decisions on the development data and write the model files."""

from __future__ import annotations

import json
from pathlib import Path

import click


@click.command("train")
@click.argument("names", nargs=-1)
@click.option("--data", "data_root", type=click.Path(exists=True, file_okay=False), default="../shared/data", show_default=True,
              help="The development data (laid out like shared/data).")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the folds and the fits: the same seed gives the same model files.")
@click.option("--out", type=click.Path(file_okay=False), default=None,
              help="Folder for the model files (default: the package's own sitreps/models, which the pipeline loads).")
@click.option("--list", "list_only", is_flag=True, help="List the trainers and exit.")
def train_cmd(names: tuple[str, ...], data_root: str, seed: int, out: str | None, list_only: bool) -> None:
    """Fit the models NAMES on DATA, score each out of fold
    (folds grouped by document), and write NAME.json with its model card. Prints each model's
    out-of-fold scores as JSON. With no NAMES, the shipped models (places, types, incident) are
    fitted, in the pipeline's order, so each model sees the candidates the models before it make;
    name same_incident or salience to fit a model that does not ship (docs/models.md says why).
    Needs the `train` extra (scikit-learn); `make train` runs it."""
    from ..training import MODELS_DIR, SHIPPED, TRAINERS, trainer

    if list_only:
        for name in TRAINERS:
            click.echo(name if name in SHIPPED else f"{name} (not shipped: docs/models.md)")
        return
    folder = Path(out) if out else MODELS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    for name in names or SHIPPED:
        train = trainer(name)
        click.echo(f"training {name} ...", err=True)
        result = train(Path(data_root), seed=seed)
        result.model.save(folder / f"{name}.json")
        for i, fold_model in enumerate(result.folds):
            fold_model.save(folder / f"{name}.fold{i}.json")
        click.echo(json.dumps({"model": name, "file": str(folder / f"{name}.json"),
                               "out_of_fold": result.model.card.get("out_of_fold", {}), **result.report}, indent=1))
