"""A small in-memory XBlock runtime: parse a scenario, render views, call handlers, record events.

Every learner gets a runtime of their own over one shared store and id manager, so their
``user_state`` stays apart while ``content``, ``settings`` and ``user_state_summary`` are shared.
"""

import json
from dataclasses import dataclass, field
from typing import Any

from webob import Request
from xblock.fields import ScopeIds
from xblock.runtime import (
    DictKeyValueStore,
    KvsFieldData,
    MemoryIdManager,
    NullI18nService,
    Runtime,
)


class LanguageI18nService(NullI18nService):
    """The null i18n service of XBlock that also reports a language, as an LMS's does."""

    def __init__(self, language: str | None):
        super().__init__()
        self.language = language

    def get_language(self) -> str | None:
        """Return the learner's language code."""
        return self.language


@dataclass
class Event:
    """What a block published: its usage id, the event type and data."""

    usage_id: str
    name: str
    data: dict[str, Any]


class MemoryRuntime(Runtime):
    """An XBlock runtime over dictionaries, for one learner."""

    def __init__(self, store: "Store", user_id: str, language: str | None = None):
        super().__init__(
            id_reader=store.ids,
            id_generator=store.ids,
            services={
                "field-data": KvsFieldData(store.kvs),
                "i18n": LanguageI18nService(language),
            },
        )
        self.learner = user_id
        self.store = store

    def get_block(self, usage_id, for_parent=None):
        """Return the block as this learner sees it (their own ``user_state``)."""
        definition_id = self.id_reader.get_definition_id(usage_id)
        block_type = self.id_reader.get_block_type(definition_id)
        keys = ScopeIds(self.learner, block_type, definition_id, usage_id)
        return self.construct_xblock(block_type, keys, for_parent=for_parent)

    def handler_url(self, block, handler_name, suffix="", query="", thirdparty=False):
        return f"/handler/{block.scope_ids.usage_id}/{handler_name}/{suffix}?{query}"

    def resource_url(self, resource):
        return f"/resource/{resource}"

    def local_resource_url(self, block, uri):
        return f"/local/{block.scope_ids.block_type}/{uri}"

    def publish(self, block, event_type, event_data):
        self.store.events.append(
            Event(str(block.scope_ids.usage_id), event_type, {"user": self.learner, **event_data})
        )


@dataclass
class Reply:
    """A handler's answer: the status and the decoded JSON body."""

    status: int
    body: Any


@dataclass
class Store:
    """The shared store of a test: ids, field data and every published event."""

    kvs: DictKeyValueStore = field(default_factory=DictKeyValueStore)
    ids: MemoryIdManager = field(default_factory=MemoryIdManager)
    events: list[Event] = field(default_factory=list)

    def runtime(self, user_id: str = "learner-1", language: str | None = None) -> MemoryRuntime:
        """Return the runtime of one learner."""
        return MemoryRuntime(self, user_id, language)

    def parse(self, xml: str) -> str:
        """Parse a scenario's XML and return the root usage id."""
        return self.runtime("author").parse_xml_string(xml)

    def block(self, usage_id: str, user_id: str = "learner-1", language: str | None = None):
        """Return the block as one learner sees it."""
        return self.runtime(user_id, language).get_block(usage_id)

    def view(self, block, name: str = "student_view"):
        """Render a view of a block through its runtime, as an LMS page would."""
        return block.runtime.render(block, name, {})

    def call(self, block, handler: str, body: Any = None, raw: bytes | None = None, method="POST"):
        """Call a handler through ``runtime.handle`` with a JSON (or raw) body."""
        payload = raw if raw is not None else json.dumps(body).encode()
        request = Request.blank("/", method=method, body=payload if method == "POST" else None)
        request.content_type = "application/json"
        response = block.runtime.handle(block, handler, request)
        try:
            decoded = json.loads(response.body.decode() or "null")
        except ValueError:
            decoded = response.body.decode(errors="replace")
        return Reply(response.status_code, decoded)

    def events_of(self, name: str, user_id: str | None = None) -> list[Event]:
        """Return the published events of one type (of one learner)."""
        return [
            e
            for e in self.events
            if e.name == name and (user_id is None or e.data["user"] == user_id)
        ]
