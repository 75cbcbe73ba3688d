"""Fixtures shared by the test modules: a tiny ChatML tokenizer and model (built in-process, no
downloads), taught to end its replies so that sampling sees real stops."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

from drift.tiny import make_model, make_tokenizer, save_tiny_chat, teach_to_stop


@pytest.fixture(scope="module")
def one_thread():
    # two threads on two shared cores spin against each other: one is several times faster here
    n = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(n)


@pytest.fixture(scope="module")
def tok():
    return make_tokenizer("chatml")


@pytest.fixture(scope="module")
def model(tok):
    return teach_to_stop(make_model(tok), tok)


@pytest.fixture(scope="session")
def tiny_chat_dir(tmp_path_factory) -> Path:
    """The same tiny model saved as a Hugging Face folder with its tokenizer (read-only for tests)."""
    return save_tiny_chat(tmp_path_factory.mktemp("tiny-chat"))
