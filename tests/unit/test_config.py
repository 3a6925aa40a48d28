"""Settings refuse to run real data on a placeholder secret."""

import pytest
from pydantic import ValidationError

from app.config import DEVELOPMENT_SECRET, Settings


@pytest.mark.parametrize("secret", ["", "change-me", "secret", "short-but-random-x9"])
def test_production_refuses_a_missing_or_placeholder_secret(secret: str) -> None:
    with pytest.raises(ValidationError, match="FV_SECRET_KEY"):
        Settings(environment="production", secret_key=secret)


def test_production_accepts_a_real_secret() -> None:
    real = "k" * 16 + "Zq3-vB9_xT7pLm2wQ8rN4sY6uJ1"
    assert Settings(environment="production", secret_key=real).secret_key == real


def test_development_falls_back_to_a_development_secret() -> None:
    settings = Settings(environment="development", secret_key="")
    assert settings.secret_key == DEVELOPMENT_SECRET
    assert settings.cookie_secure is False


def test_cookies_are_secure_outside_development() -> None:
    assert Settings(environment="production", secret_key="x" * 40).cookie_secure is True


def test_settings_come_from_fv_environment_variables(monkeypatch) -> None:
    monkeypatch.setenv("FV_MASH_PHONE", "01234 567890")
    monkeypatch.setenv("FV_DATABASE_URL", "postgresql+psycopg://u@h/db")
    settings = Settings()
    assert settings.mash_phone == "01234 567890"
    assert settings.database_url == "postgresql+psycopg://u@h/db"


def test_links_start_with_fv_base_url_and_never_guess_in_production() -> None:
    from app.cli import link_base_for_serve

    real = "k" * 40
    dev = Settings(environment="development")
    assert dev.links_base == "http://127.0.0.1:8000"
    assert link_base_for_serve(dev, "127.0.0.1", 8123) == "http://127.0.0.1:8123"
    set_ = Settings(environment="development", base_url="https://fv.example.gov.uk/")
    assert set_.links_base == "https://fv.example.gov.uk"
    assert link_base_for_serve(set_, "127.0.0.1", 8123) == "https://fv.example.gov.uk/"
    production = Settings(environment="production", secret_key=real)
    with pytest.raises(ValueError, match="FV_BASE_URL"):
        _ = production.links_base
    assert link_base_for_serve(production, "0.0.0.0", 8000) is None
    given = Settings(environment="production", secret_key=real, base_url="https://fv.example")
    assert given.links_base == "https://fv.example"


def test_the_base_url_is_read_from_fv_base_url(monkeypatch) -> None:
    monkeypatch.setenv("FV_BASE_URL", "http://127.0.0.1:8765")
    assert Settings(environment="development").links_base == "http://127.0.0.1:8765"
