"""Everything the `graph` command shows on the terminal: Rich tables, JSON lines and summary
lines, one module per kind of result. Only Rich is imported here, so a read-only command that
prints a table loads no NLP model."""

from graph.report.console.analysis import (
    analysis_headline,
    brokers_table,
    communities_table,
    period_change_table,
    print_analysis,
    profiled_communities_table,
)
from graph.report.console.audit import audit_table, print_audit_json
from graph.report.console.cells import cell, not_found_message
from graph.report.console.disruption import (
    comparison_table as strategies_comparison_table,
)
from graph.report.console.disruption import (
    curves_table,
    print_disruption,
    print_impact,
    strategies_catalogue_table,
    targets_table,
)
from graph.report.console.evaluation import (
    comparison_table,
    conll_table,
    print_conll_scores,
    print_evaluation,
    print_mode_comparison,
    scope,
    score_table,
    training_message,
)
from graph.report.console.findings import print_findings
from graph.report.console.judgements import judgement_message, print_judgements
from graph.report.console.runs import (
    errors_table,
    ingest_table,
    print_run_report,
    quarantine_table,
    retry_message,
    runs_table,
)
from graph.report.console.store import (
    counts_table,
    export_message,
    links_found_message,
    links_table,
    print_json_rows,
    print_named_queries,
    print_report_files,
    result_table,
    split_message,
)
from graph.report.console.watch import alerts_table, print_alerts, watches_table

__all__ = [
    "alerts_table",
    "analysis_headline",
    "audit_table",
    "brokers_table",
    "cell",
    "communities_table",
    "comparison_table",
    "conll_table",
    "counts_table",
    "curves_table",
    "errors_table",
    "export_message",
    "ingest_table",
    "judgement_message",
    "links_found_message",
    "links_table",
    "not_found_message",
    "period_change_table",
    "print_alerts",
    "print_analysis",
    "print_audit_json",
    "print_conll_scores",
    "print_disruption",
    "print_evaluation",
    "print_findings",
    "print_impact",
    "print_json_rows",
    "print_judgements",
    "print_mode_comparison",
    "print_named_queries",
    "print_report_files",
    "print_run_report",
    "profiled_communities_table",
    "quarantine_table",
    "result_table",
    "retry_message",
    "runs_table",
    "scope",
    "score_table",
    "split_message",
    "strategies_catalogue_table",
    "strategies_comparison_table",
    "targets_table",
    "training_message",
    "watches_table",
]
