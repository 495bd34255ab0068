"""A small HTML reader for the tests (stdlib only): elements, their attributes, text, ancestors."""

from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


@dataclass
class Element:
    """One element of the page."""

    tag: str
    attrs: dict[str, str | None]
    parent: "Element | None" = None
    chunks: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """Return the element's text, white space collapsed."""
        return " ".join("".join(self.chunks).split())

    def get(self, name: str, default: str | None = None) -> str | None:
        """Return an attribute's value."""
        return self.attrs.get(name, default)

    def ancestor(self, tag: str) -> "Element | None":
        """Return the nearest enclosing element with that tag."""
        node = self.parent
        while node is not None and node.tag != tag:
            node = node.parent
        return node


class Page(HTMLParser):
    """Parse a page once; then find elements by tag and attributes."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self._open: list[Element] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        element = Element(tag, dict(attrs), self._open[-1] if self._open else None)
        self.elements.append(element)
        if tag not in VOID:
            self._open.append(element)

    def handle_endtag(self, tag):
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i].tag == tag:
                del self._open[i:]
                return

    def handle_data(self, data):
        for element in self._open:
            element.chunks.append(data)

    def find_all(self, tag: str, **attrs: str) -> list[Element]:
        """Return the elements with that tag whose attributes have these values."""
        wanted = {k.rstrip("_").replace("_", "-"): v for k, v in attrs.items()}
        return [
            e
            for e in self.elements
            if e.tag == tag and all(e.attrs.get(k) == v for k, v in wanted.items())
        ]

    def one(self, tag: str, **attrs: str) -> Element:
        """Return the only element matching, or fail."""
        found = self.find_all(tag, **attrs)
        assert len(found) == 1, f"{len(found)} <{tag}> match {attrs}"
        return found[0]

    def by_id(self, element_id: str) -> Element:
        """Return the element with that id (which must be unique)."""
        found = [e for e in self.elements if e.get("id") == element_id]
        assert len(found) == 1, f"{len(found)} elements with id {element_id!r}"
        return found[0]

    def by_name(self, name: str) -> list[Element]:
        """Return the form controls with that name."""
        return [e for e in self.elements if e.get("name") == name]

    def children(self, parent: Element, tag: str) -> list[Element]:
        """Return the elements with that tag inside ``parent``."""
        result = []
        for element in self.elements:
            node = element.parent
            while node is not None and node is not parent:
                node = node.parent
            if node is parent and element.tag == tag:
                result.append(element)
        return result

    def label_for(self, input_id: str) -> Element:
        """Return the label tied to an input."""
        return self.one("label", for_=input_id)
