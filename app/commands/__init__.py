"""One module per subcommand of the command line.

Each module has HELP (one line), add_arguments(parser), run(args, renderers) -> exit code, and
optionally NUMERIC_OPTIONS: options whose value may start with '-' (e.g. `--range -5,5`).
A new subcommand is a new module plus its name in COMMANDS.
"""

COMMANDS = ["activation", "devices", "tensor", "step", "optimize", "basins", "train", "inspect"]
