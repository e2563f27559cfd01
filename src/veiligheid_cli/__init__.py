"""veiligheid-cli: priorities, goals and regional alignment of Dutch safety-policy documents."""

__version__ = "0.1.0"
