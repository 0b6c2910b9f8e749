"""The web page's tests share the workshop tests' way of running ``async def`` Pilot tests and
their own config folder."""

from tests.workshop.conftest import english_after, own_config, pytest_pyfunc_call

__all__ = ["english_after", "own_config", "pytest_pyfunc_call"]
