"""The satisfaction summary, as the evaluation pages and the API import it: it lives in the
service layer (``services.satisfaction``), which the Qualiopi files use too."""

from ...services.satisfaction import QuestionSummary, Satisfaction, satisfaction_summary

__all__ = ["QuestionSummary", "Satisfaction", "satisfaction_summary"]
