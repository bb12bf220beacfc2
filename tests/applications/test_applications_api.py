"""Every ceras application has Keras's name, module and signature."""
import inspect

import pytest

from ceras import applications


@pytest.mark.oracle
def test_application_signatures_match_keras(keras_oracle):
    names = [n for n in applications.__all__ if n[0].isupper()]
    for name in names:
        ours = inspect.signature(getattr(applications, name))
        theirs = inspect.signature(getattr(keras_oracle.applications, name))
        assert [(p.name, p.default) for p in ours.parameters.values()] == [
            (p.name, p.default) for p in theirs.parameters.values()], name


@pytest.mark.oracle
def test_submodules_export_keras_names(keras_oracle):
    for module in [n for n in applications.__all__ if n[0].islower()]:
        theirs = {n for n in dir(getattr(keras_oracle.applications, module))
                  if not n.startswith("_")}
        missing = [n for n in theirs if not hasattr(getattr(applications, module), n)]
        assert missing == [], module
