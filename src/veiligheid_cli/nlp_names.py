"""Names of the spaCy pipelines we know, importable without importing spaCy."""

TRAINED_MODELS = ("nl_core_news_lg", "nl_core_news_md", "nl_core_news_sm")
BUILTIN = "builtin"
