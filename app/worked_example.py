"""A step's trace as lecture notes: Markdown and LaTeX, tables of values and every formula with its numbers."""

from __future__ import annotations

import re

from app.backprop import Trace, bias_name, unit_name, weight_name
from app.network import LOSS_FORMULAS

TABLE_DIGITS = 10   # Mazur prints 9 significant digits; tables keep one more


def number(value: float) -> str:
    """A table entry: plain ASCII, so a script (or a test) reads it straight back."""
    return f"{value:.{TABLE_DIGITS}g}"


def _summary(trace: Trace) -> list[str]:
    spec, check = trace.spec, trace.check
    acts = ", ".join(spec.activations)
    verdict = "agrees" if check.agrees else "DISAGREES"
    return [
        (f"Network: {' → '.join(map(str, spec.layers))}; activations: {acts}; learning rate η = {spec.lr:g}; "
        f"{spec.dtype}; biases {'updated' if spec.update_biases else 'not updated'}."),
        f"Loss: {LOSS_FORMULAS[spec.loss]}.",
        (f"Checked against torch.autograd: {verdict} (largest relative difference "
        f"{check.max_difference:.1e}, tolerance {check.tolerance:g})."),
    ]


def unit_rows(trace: Trace) -> list[list[str]]:
    """unit, z, a, ∂E/∂a, δ: the input first, then each layer."""
    spec = trace.spec
    rows = [[unit_name(spec, 0, i), "", number(v), number(trace.grad_input[i]), ""]
            for i, v in enumerate(trace.input)]
    for k, lt in enumerate(trace.layers):
        rows += [[unit_name(spec, k + 1, j), number(lt.z[j]), number(lt.a[j]), number(lt.grad_a[j]),
                  number(lt.grad_z[j])] for j in range(len(lt.z))]
    return rows


def weight_rows(trace: Trace) -> list[list[str]]:
    """weight, from, to, w, ∂E/∂w, w⁺ in Mazur's numbering."""
    spec, rows = trace.spec, []
    for k, lt in enumerate(trace.layers):
        for j in range(lt.weight.shape[0]):
            for i in range(lt.weight.shape[1]):
                rows.append([weight_name(spec, k + 1, j, i), unit_name(spec, k, i), unit_name(spec, k + 1, j),
                             number(lt.weight[j, i]), number(trace.used_weight_grads[k][j, i]),
                             number(lt.new_weight[j, i])])
    return rows


def bias_rows(trace: Trace) -> list[list[str]]:
    spec, rows = trace.spec, []
    for k, lt in enumerate(trace.layers):
        rows += [[bias_name(spec, k + 1, j), unit_name(spec, k + 1, j), number(lt.bias[j]),
                  number(trace.used_bias_grads[k][j]), number(lt.new_bias[j])] for j in range(len(lt.bias))]
    return rows


UNIT_HEADER = ["unit", "z", "a", "∂E/∂a", "δ = ∂E/∂z"]
WEIGHT_HEADER = ["weight", "from", "to", "w", "∂E/∂w", "w⁺ = w − η·∂E/∂w"]
BIAS_HEADER = ["bias", "unit", "b", "∂E/∂b", "b⁺"]


# --- Markdown ------------------------------------------------------------------------------------
def _md_table(header: list[str], rows: list[list[str]]) -> list[str]:
    return ["| " + " | ".join(header) + " |", "|" + "---|" * len(header),
            *("| " + " | ".join(row) + " |" for row in rows), ""]


def markdown(trace: Trace) -> str:
    """The worked example as Markdown: summary, tables, then each step's formula and numbers."""
    title = trace.spec.name or "one training step"
    out = [f"# Backpropagation, step by step: {title}", "", *_summary(trace), "",
           f"Loss E = {number(trace.loss)}", "",
           "## Units (forward values and gradients)", "", *_md_table(UNIT_HEADER, unit_rows(trace)),
           "## Weights", "", *_md_table(WEIGHT_HEADER, weight_rows(trace)),
           "## Biases", "", *_md_table(BIAS_HEADER, bias_rows(trace)),
           "## Every step", ""]
    for index, step in enumerate(trace.steps, 1):
        out += [f"{index}. **{step.title}**", "", "   ```"]
        for formula, plugged in step.lines:
            out += [f"   {formula}", f"     {plugged}"]
        out += ["   ```", ""]
    return "\n".join(out)


def parse_markdown_tables(text: str) -> list[list[list[str]]]:
    """Every table in `text` as rows of cells, header row first (for scripts and tests)."""
    tables, current = [], []
    for line in text.splitlines():
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if not all(set(c) <= {"-"} for c in cells):
                current.append(cells)
        elif current:
            tables.append(current)
            current = []
    if current:
        tables.append(current)
    return tables


# --- LaTeX ---------------------------------------------------------------------------------------
_SUB = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")
_SUP = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_SYMBOLS = [("∂", r"\partial "), ("δ", r"\delta"), ("η", r"\eta "), ("σ", r"\sigma"), ("·", r"\cdot "),
            ("−", "-"), ("½", r"\tfrac{1}{2}"), ("Σ", r"\sum "), ("′", "'"), ("⁺", "^{+}"), ("²", "^{2}"),
            ("→", r"\to "), ("[", r"\left["), ("]", r"\right]")]


def latex_math(text: str) -> str:
    """A formula from the trace in LaTeX math: x₁ → x_{1}, hˡ₁ → h^{l}_{1}, ∂E/∂w₅ → \\partial E/\\partial w_{5}."""
    text = re.sub(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+", lambda m: "^{" + m.group().translate(_SUP) + "}", text)
    text = re.sub(r"[₀₁₂₃₄₅₆₇₈₉]+", lambda m: "_{" + m.group().translate(_SUB) + "}", text)
    text = text.replace("ln ", r"\ln ").replace("tanh", r"\tanh")
    text = re.sub(r"(?<![\\A-Za-z])([A-Za-z]{2,})", lambda m: m.group() if m.group() in ("ln", "tanh")
                  else r"\mathrm{" + m.group() + "}", text)
    for symbol, command in _SYMBOLS:
        text = text.replace(symbol, command)
    return text


def _latex_line(formula: str, plugged: str) -> str:
    note = ""
    if "   (" in formula:   # a remark in words, e.g. "(biases not updated)"
        formula, note = formula.split("   (", 1)
        note = r" \quad \text{(" + note + "}"
    lhs, _, rhs = formula.partition(" = ")
    return f"{latex_math(lhs)} &= {latex_math(rhs)}{note} \\\\\n  &{latex_math(plugged)}"


def _latex_table(header: list[str], rows: list[list[str]]) -> list[str]:
    head = " & ".join(f"${latex_math(h)}$" for h in header)
    lines = [r"\begin{tabular}{" + "l" * 3 + "r" * (len(header) - 3) + "}" if len(header) > 5 else
             r"\begin{tabular}{l" + "r" * (len(header) - 1) + "}", r"\hline", head + r" \\", r"\hline"]
    for row in rows:
        cells = [c if not c or _is_number(c) else f"${latex_math(c)}$" for c in row]
        lines.append(" & ".join(cells) + r" \\")
    lines += [r"\hline", r"\end{tabular}", ""]
    return lines


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def latex(trace: Trace) -> str:
    """A complete LaTeX document (article, amsmath) with the tables and every formula."""
    title = trace.spec.name or "one training step"
    escape = str.maketrans({"&": r"\&", "%": r"\%", "_": r"\_", "#": r"\#"})
    summary = [line.translate(escape) for line in _summary(trace)]
    summary = [re.sub(r"([→Σ½²−ηστ∂]+)", lambda m: f"${latex_math(m.group())}$", line) for line in summary]
    out = [r"\documentclass{article}", r"\usepackage[utf8]{inputenc}", r"\usepackage{amsmath}",
           r"\begin{document}", rf"\section*{{Backpropagation, step by step: {title.translate(escape)}}}", "",
           *(line + r"\\" for line in summary), "", f"Loss $E = {number(trace.loss)}$.", "",
           r"\subsection*{Units}", *_latex_table(UNIT_HEADER, unit_rows(trace)),
           r"\subsection*{Weights}", *_latex_table(WEIGHT_HEADER, weight_rows(trace)),
           r"\subsection*{Biases}", *_latex_table(BIAS_HEADER, bias_rows(trace)),
           r"\subsection*{Every step}"]
    for step in trace.steps:
        out += [rf"\paragraph{{{_latex_title(step)}}}", r"\begin{align*}"]
        out.append(" \\\\\n".join("  " + _latex_line(f, p) for f, p in step.lines))
        out += [r"\end{align*}", ""]
    out.append(r"\end{document}")
    return "\n".join(out) + "\n"


def _latex_title(step) -> str:
    """A step's title with its unit names and symbols as inline math."""
    unit = latex_math(str(step.title_values.get("unit", "")))
    title = step.title_template.replace("∂E/∂{unit}", rf"$\partial E/\partial {unit}$")
    title = title.replace("{unit}", f"${unit}$").replace("{layer}", str(step.title_values.get("layer", "")))
    return title.replace("δ", r"$\delta$")
