"""The event types, in a module of their own so the CLI can list them in --help and complete
them without importing the event model (hashing, dates) at start-up."""

EVENT_TYPES = (
    "partnership",
    "joint_venture",
    "acquisition",
    "investment",
    "contract",
    "product_launch",
    "trial",
    "network_deployment",
    "expansion",
    "financial_results",
    "market_data",
    "legal",
    "regulatory",
    "leadership",
    "apology",
    "statement",
    "award",
    "other",
)
