"""Personal data out of what is published: detection, classification, pseudonymisation,
a policy by nature and a publish gate (a clerk reviews uncertain acts)."""

from actes.privacy.detect import annotate, detect
from actes.privacy.policy import DEFAULT_POLICY, METADATA_ONLY, PSEUDONYMISED, PrivacyPolicy
from actes.privacy.pseudonymize import Publication, publication, publishable

__all__ = ["DEFAULT_POLICY", "METADATA_ONLY", "PSEUDONYMISED", "PrivacyPolicy", "Publication", "annotate", "detect", "publication",
           "publishable"]
