"""The examples in the modules' docstrings hold: the analysis measures (Katz, collective
influence, damage, key players, the strategies, the matrices, the faster path, UCINET DL),
normalisation, clitics, values (dates, counts, money, accounts), the lexicon's word regexes and
the model's clitic features, the ontology's mention labels, the report's wording of an analysis
run, the reading of relations, canonical ids, the stages' one path and its refusals, the pieces
of a long document, the apposition's gap, and what no store can hold."""

import doctest
import inspect
from types import ModuleType

import pytest

import graph.analysis.accelerate
import graph.analysis.damage
import graph.analysis.influence
import graph.analysis.katz
import graph.analysis.keyplayer
import graph.analysis.matrices
import graph.analysis.reproduction
import graph.analysis.strategies
import graph.analysis.ucinet
import graph.nlp.alternation
import graph.nlp.apposition
import graph.nlp.chunks
import graph.nlp.clitics
import graph.nlp.lexicon
import graph.nlp.models
import graph.nlp.morphology
import graph.nlp.normalise
import graph.nlp.number_phrases
import graph.nlp.reading
import graph.nlp.reading.ages
import graph.nlp.values
import graph.ontology
import graph.report.console.cells
import graph.report.data
import graph.report.exports.xlsx
import graph.resolve.described
import graph.resolve.entities
import graph.sources.furniture
import graph.sources.readers
import graph.sources.rows
import graph.stages
import graph.store.bounds
import graph.store.cypher_text
import graph.store.errors
import graph.web.access
import graph.web.dossier
import graph.web.network
import graph.web.places
import graph.web.queries
import graph.web.reads
import graph.web.saved

MODULES = [
    graph.analysis.accelerate,
    graph.analysis.damage,
    graph.analysis.influence,
    graph.analysis.katz,
    graph.analysis.reproduction,
    graph.analysis.keyplayer,
    graph.analysis.matrices,
    graph.analysis.strategies,
    graph.analysis.ucinet,
    graph.nlp.normalise,
    graph.nlp.values,
    graph.nlp.number_phrases,
    graph.nlp.clitics,
    graph.nlp.alternation,
    graph.nlp.lexicon,
    graph.nlp.morphology,
    graph.nlp.models,
    graph.nlp.reading,
    graph.nlp.chunks,
    graph.nlp.apposition,
    graph.ontology,
    graph.report.data,
    graph.resolve.entities,
    graph.resolve.described,
    graph.sources.readers,
    graph.stages,
    graph.store.bounds,
    graph.store.cypher_text,
    graph.nlp.reading.ages,
    graph.report.console.cells,
    graph.report.exports.xlsx,
    graph.sources.furniture,
    graph.sources.rows,
    graph.store.errors,
    graph.web.access,
    graph.web.dossier,
    graph.web.network,
    graph.web.places,
    graph.web.queries,
    graph.web.reads,
    graph.web.saved,
]
# Every public function and method of these has an example, in Arabic and English where it reads text.
FULLY_EXAMPLED = [graph.nlp.normalise, graph.nlp.values, graph.nlp.clitics]


def docstring_tests() -> list:
    finder = doctest.DocTestFinder()
    return [
        pytest.param(test, id=test.name)
        for module in MODULES
        for test in sorted(finder.find(module), key=lambda t: t.name)
        if test.examples
    ]


@pytest.mark.parametrize("test", docstring_tests())
def test_docstring_examples_hold(test):
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    report: list[str] = []
    runner.run(test, out=report.append)
    assert not runner.failures, "".join(report)


def public_callables(module: ModuleType) -> list[tuple[str, object]]:
    found = []
    for name, value in vars(module).items():
        if name.startswith("_") or getattr(value, "__module__", None) != module.__name__:
            continue
        if inspect.isfunction(inspect.unwrap(value)):  # lru_cache'd ones too
            found.append((name, value))
        elif inspect.isclass(value):
            for attr, member in vars(value).items():
                if not attr.startswith("_") and (inspect.isfunction(member) or isinstance(member, property)):
                    found.append((f"{name}.{attr}", member))
    return found


@pytest.mark.parametrize("module", FULLY_EXAMPLED, ids=lambda m: m.__name__)
def test_every_public_function_has_an_example(module):
    missing = [name for name, value in public_callables(module) if ">>>" not in (value.__doc__ or "")]
    assert not missing
