"""Attacks found in a security review of the evaluator: each must be refused at once with an
EvalError (never another exception, a hang or a huge allocation), and write no file."""

from __future__ import annotations

import time

import pytest

from app import tensor_program
from app.evaluator import EvalError, catalog_strings
from app.tensor_program import Session
from app.tensor_results import plain_text

ATTACKS = [
    # A list that contains itself: sizing it for torch.tensor, or printing it, never ended.
    "a = [0]; a[0] = a; torch.tensor(a)",
    "a = [0]; a[0] = a; print(a)",
    "a = [0]; a[0] = a; a",
    # Strings doubled by +: a gigabyte in a few lines.
    "s = 'a' * 10**6; s = s + s; s = s + s; s = s + s; s = s + s; len(s)",
    "s = 'a' * 10**6; t = s + s",
    "'%0999999999d' % 1",
    # A million references to a million-item list, hidden behind a first item that is a number.
    "a = [0.5] * 10**6; b = [a] * 10**6; [0, b]",
    "a = [0.5] * 10**6; b = [0, a]; [b, b]",
    "a = [[0.5] * 1000] * 1000; b = a * 1000",
    # print() of many big values: each is bounded, their sum is not.
    "a = [7] * 400000; print(a, a, a, a, a, a, a, a)",
    "s = 'x' * 10**5; print(s, s, s, s, s, s, s, s, s, s, s)",
    "s = 'x' * 10**5; print(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, sep=s)",
    # Matrix products spelt as einsum, and LU factorisations: slow but small in memory.
    "A = torch.ones(7000, 7000); torch.einsum('ij,jk->ik', A, A)",
    "A = torch.ones(7000, 7000); torch.einsum('...ij,...jk->...ik', A, A)",
    "A = torch.ones(7000, 7000); torch.einsum('ij,jk', [A, A])",
    "A = torch.ones(3000, 3000); torch.det(A)",
    "A = torch.ones(3000, 3000); torch.inverse(A)",
    # Sized by arithmetic, not by the meta device's slow first use (it took two seconds).
    "torch.diag(torch.ones(10**5))",
    "torch.einsum('i,j->ij', torch.ones(10**5), torch.ones(10**5))",
    # Escapes that were already refused, kept here as a net.
    "x = torch.ones(3); x.type('os.system')",
    "x = torch.ones(3, requires_grad=True); y = x * 2; y.grad_fn.next_functions",
    "x = torch.ones(3, requires_grad=True); y = x * 2; y.grad_fn.name()",
    "x = torch.ones(3, requires_grad=True); (x * 2).sum().backward(gradient=print)",
    "x = torch.ones(3, requires_grad=True); torch.autograd.grad((x * 2).sum(), x, grad_outputs=print)",
    "x = torch.ones(3); x.dtype.to_complex()",
    "x = torch.ones(3); x.shape.count(3)",
    "x = torch.ones(3); x.device.type.upper()",
    "torch.bincount(torch.tensor([10**10]))",
    "torch.bincount(torch.tensor([1]), minlength=10**11)",
    "ｏｐｅｎ('f.txt', 'w')",     # NFKC: Python reads this as open
    "ｅｖａｌ('1')",
    "x = torch.ones(3); x.＿＿class＿＿",
    "torch.ones(3).to('meta').new_zeros(10**12)",
    "x = torch.ones(3); x.data = torch.ones(10**12, device='meta')",
]


@pytest.mark.parametrize("program", ATTACKS)
def test_attacks_are_refused_at_once_and_write_nothing(program, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    session = Session()
    start = time.perf_counter()
    with pytest.raises(EvalError) as info:
        session.run(program)
    assert time.perf_counter() - start < 2.0, program   # generous: each takes well under a second
    assert "\n" not in str(info.value) and info.value.template in catalog_strings()
    assert session.env == {}
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("program", [
    "x = torch.ones(1000); a = x.clone(); b = x.clone(); c = x.clone(); d = x.clone()",
    "x = torch.ones(1000); a = x.double(); b = x.long(); c = x.double(); d = x.long()",
    "x = torch.ones(1000); a = x.to(torch.float64); b = x.half(); c = x.type_as(a); d = x.int()",
])
def test_copies_count_towards_the_programs_total(program, monkeypatch):
    """Each copy is no bigger than x, but x.clone() repeated kept any number of them alive."""
    monkeypatch.setattr(tensor_program, "READ_FACTOR", 100)   # the total alone, not the work budget
    session = Session(limit=1000)   # the total is four limits' worth: the fourth copy is the fifth tensor
    with pytest.raises(EvalError, match="in all"):
        session.run(program)
    assert session.run("x = torch.ones(1000); a = x.float(); b = x.detach(); c = x.clone(); d = x.double()").shown


def test_lessons_still_run():
    """What the fixes must not refuse: lists, strings, prints and the ops they size."""
    s = Session()
    assert s.run("a = [[0] * 1000] * 999; torch.tensor(a).shape").shown.value == (999, 1000)
    assert s.run("(1, 2) + torch.ones(3).shape").shown.value == (1, 2, 3)
    assert s.run("print(torch.ones(2), 'hi', sep=', ')").output == ["tensor([1., 1.]), hi"]
    assert s.run("'ab' + 'cd'").shown.value == "abcd"
    assert s.run("x = torch.zeros(2, 3); x[0, 1] = 7; x[0].tolist()").shown.value == [0.0, 7.0, 0.0]
    assert s.run("torch.einsum('ij,jk->ik', torch.ones(2, 3), torch.ones(3, 4))").shown.value.tolist() == [[3.0] * 4] * 2
    assert s.run("torch.einsum('...ij,jk->...ik', torch.ones(5, 2, 3), torch.ones(3, 4)).shape").shown.value == (5, 2, 4)
    assert s.run("torch.einsum('ii', torch.eye(3))").shown.value.item() == 3.0
    assert s.run("torch.diag(torch.tensor([1, 2]), 1)").shown.value.tolist() == [[0, 1, 0], [0, 0, 2], [0, 0, 0]]
    assert s.run("torch.det(torch.eye(3) * 2)").shown.value.item() == pytest.approx(8.0)


def test_lists_nested_deeper_than_a_tensor_can_be_are_shown_short():
    s = Session()
    s.run("a = [0]\n" + "a = [a]\n" * 70)
    assert len(plain_text(s.env["a"])) < 1000
    with pytest.raises(EvalError):
        s.run("torch.tensor(a)")


# A cheap op at the size limit, repeated: each is small in memory, but together they froze the
# window (100 × x.sum() on 5·10⁷ elements took 1.8 s; 10 × x.unique() on 10⁷, 4 s). The limit here
# is small so that the test is cheap; the budget is READ_FACTOR limits of elements read and written.
REPEATED = [
    "x = torch.zeros(1000)\n" + "x.sum()\n" * 100,
    "x = torch.rand(1000)\n" + "x.unique()\n" * 10,
    "x = torch.rand(1000)\n" + "x.sort()\n" * 10,
    "x = torch.rand(1000)\n" + "x.median()\n" * 10,
    "x = torch.zeros(1000)\n" + "x.normal_()\n" * 100,
    "x = torch.zeros(1000)\n" + "x[:] = 1\n" * 100,
    "x = torch.zeros(1000)\n" + "torch.equal(x, x)\n" * 100,
    "x = torch.zeros(1000)\n" + "x.var()\n" * 100,
    # A backward pass redoes its graph's work: retain_graph=True let it be repeated at will.
    "x = torch.rand(1000, requires_grad=True); y = x.sin().sum()\n" + "y.backward(retain_graph=True)\n" * 100,
    "x = torch.rand(1000, requires_grad=True); y = x.sin().sum()\n"
    + "torch.autograd.grad(y, x, retain_graph=True)\n" * 100,
]


@pytest.mark.parametrize("program", REPEATED)
def test_repeated_cheap_ops_are_refused_before_the_budget_is_spent(program):
    session = Session(limit=1000)
    policy_runs = []
    original = tensor_program.ProgramPolicy.charge

    def charge(self, reads, writes=0):
        policy_runs.append(self.touched)
        return original(self, reads, writes)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tensor_program.ProgramPolicy, "charge", charge)
        with pytest.raises(EvalError, match="reads and writes") as info:
            session.run(program)
    # Refused before the op that would go over ran: nothing counted ever passed the budget.
    assert max(policy_runs) <= tensor_program.READ_FACTOR * 1000
    assert "\n" not in str(info.value) and info.value.template in catalog_strings()
    assert str(info.value).startswith("Line ") and session.env == {}


def test_sorts_count_n_log_n():
    """10 elements sorted cost 10·log2(10) ≈ 33 reads and 20 writes: a budget of 6,000 runs out
    after ~110 sorts, where a sum of 10 elements (10 reads) runs ~600 times."""
    session = Session(limit=1000)
    session.run("x = torch.rand(10)\n" + "x.sort()\n" * 100)
    with pytest.raises(EvalError, match="reads and writes"):
        session.run("x = torch.rand(10)\n" + "x.sort()\n" * 150)
    session.run("x = torch.rand(10)\n" + "x.sum()\n" * 450)


def test_the_budget_is_per_program_and_scales_with_the_limit():
    """Each run starts afresh; a limit-sized tensor may be read a few times in one program."""
    session = Session(limit=1000)
    for _ in range(3):
        assert session.run("x = torch.zeros(1000); x.sum(); (x * 2).max()").shown
    program = "x = torch.zeros(1000)\n" + "x.sum()\n" * 7   # 1,000 written, 7 × 1,000 read
    with pytest.raises(EvalError, match="reads and writes"):
        Session(limit=1000).run(program)
    assert Session(limit=2000).run(program).shown


def test_a_graph_that_reuses_itself_is_not_charged_exponentially():
    """y = y + y thirty times is 2³⁰ paths through the graph (3·10¹⁰ if each were charged), but
    thirty small ops of work."""
    program = "x = torch.ones(10, requires_grad=True)\ny = x\n" + "y = y + y\n" * 30 + "y.sum().backward()\nx.grad[0]"
    assert Session().run(program).shown.value.item() == 2.0 ** 30
