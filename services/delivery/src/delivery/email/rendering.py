"""Jinja2 templates, Estonian and English, for every dispatch kind and every notice."""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template

from contracts.events.notifications import NOTICE_PARAMETERS, NoticeTemplate
from contracts.vocabulary import Language

TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    text: str
    html: str


class MissingParametersError(ValueError):
    """A notice lacks parameters its template needs."""

    def __init__(self, missing: set[str]) -> None:
        super().__init__("missing parameters: " + ", ".join(sorted(missing)))
        self.missing = missing


class _LenientParameters(dict[str, str]):
    """Optional notice parameters read as empty when absent (required ones are checked)."""

    def __getattr__(self, name: str) -> str:
        return self.get(name, "")


class EmailRenderer:
    """Renders a template's subject and text without escaping and its HTML escaped."""

    def __init__(self) -> None:
        loader = FileSystemLoader(TEMPLATES)
        self._plain = Environment(loader=loader, autoescape=False, undefined=StrictUndefined)  # noqa: S701 (text parts)
        self._html = Environment(loader=loader, autoescape=True, undefined=StrictUndefined)

    def render(self, name: str, language: Language, context: dict[str, Any]) -> RenderedEmail:
        path = f"{language.value}/{name}.jinja"
        values = {"language": language.value, "unsubscribe_url": "", **context}
        plain = self._plain.get_template(path)
        html = self._html.get_template(path)
        return RenderedEmail(
            subject=" ".join(_block(plain, "subject", values).split()),
            text=_block(plain, "text", values).strip() + "\n",
            html=_block(html, "html", values).strip() + "\n",
        )

    def render_notice(
        self, template: NoticeTemplate, language: Language, parameters: dict[str, str]
    ) -> RenderedEmail:
        missing = set(NOTICE_PARAMETERS[template]) - {
            name for name, value in parameters.items() if value
        }
        if missing:
            raise MissingParametersError(missing)
        return self.render(template.value, language, {"parameters": _LenientParameters(parameters)})


def _block(template: Template, name: str, values: dict[str, Any]) -> str:
    context = template.new_context(values)
    return "".join(template.blocks[name](context))
