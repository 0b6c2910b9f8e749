"""The participants' web page: a small server-rendered Starlette app (no Textual here)."""
