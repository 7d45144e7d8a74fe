"""`make serve` shows a data change without a restart (timing lives in scripts/bench-serve-reload)."""

from __future__ import annotations

import socket
from importlib.machinery import SourceFileLoader
from importlib.util import module_from_spec, spec_from_loader

import pytest
from conftest import ROOT


def _bench():
    loader = SourceFileLoader("bench_serve_reload", str(ROOT / "scripts" / "bench-serve-reload"))
    module = module_from_spec(spec_from_loader(loader.name, loader))
    loader.exec_module(module)
    return module


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.slow
def test_a_saved_data_change_appears_in_the_served_site(tmp_path):
    bench = _bench()
    project = bench.copy_project(tmp_path / "project")
    port = _free_port()
    server = bench.start_server(project, port)
    try:
        bench.wait_for(port, lambda page: "Reloadcheck" not in page, 180, server)
        bench.add_term(project, "Reloadcheck")
        bench.wait_for(port, lambda page: "Reloadcheck" in page, 120, server)  # generous: a shared 2-core machine
    finally:
        bench.stop_server(server)
    assert server.returncode is not None
