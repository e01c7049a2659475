"""``POST /v1/documents``: text, HTML or a URL in; extracted, stored, merged; the record out."""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from ...errors import ApiError, InputError
from ...record import text_id
from ..deps import ServerState, known_parameters, require_token, state
from ..models import DocumentIn, DocumentOut, ErrorOut

router = APIRouter(prefix="/v1", tags=["documents"], dependencies=[Depends(known_parameters)])

_BODY = {"requestBody": {"required": True, "content": {"application/json": {"schema": DocumentIn.model_json_schema()}}}}


@router.post("/documents", status_code=201, response_model=DocumentOut, dependencies=[Depends(require_token)], openapi_extra=_BODY,
             responses={200: {"model": DocumentOut, "description": "Already stored: the stored record, nothing extracted again."},
                        401: {"model": ErrorOut}, 403: {"model": ErrorOut}, 413: {"model": ErrorOut}, 422: {"model": ErrorOut}})
async def post_document(request: Request) -> JSONResponse:
    """Extract one document (text, HTML, or a URL fetched with the same private-address guard as
    `sitreps ingest`), store it, merge it into incidents, and return its record."""
    if request.headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
        raise ApiError("send the document as JSON with the header 'Content-Type: application/json'.", "S810", 415)
    raw = await request.body()  # the size limit is enforced while this is read
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        where = f" at line {exc.lineno}, column {exc.colno}" if isinstance(exc, json.JSONDecodeError) else ""
        raise ApiError(f"the body is not valid JSON{where}. Send one JSON object such as {{\"text\": \"...\"}}.", "S805", 400) from None
    if not isinstance(data, dict):
        raise ApiError(f"the body is a JSON {type(data).__name__}; send one JSON object such as {{\"text\": \"...\"}}.", "S801", 422)
    document = DocumentIn.model_validate(data)
    stored, record = await run_in_threadpool(submit, state(request), document)
    return JSONResponse({"stored": stored, "record": record}, status_code=201 if stored else 200)


def _item(server: ServerState, doc: DocumentIn) -> dict[str, Any]:
    """The text and metadata to extract, from the text, the HTML or the fetched page."""
    if doc.published:
        from ...ingest.text import parse_published

        try:
            parse_published(doc.published)
        except InputError as exc:
            raise ApiError(f"published: cannot read the date {doc.published[:40]!r}. Give an ISO date or datetime, e.g. 2024-06-01.",
                           exc.code, 422, "published") from None
    meta = {k: v for k, v in (("id", doc.id), ("title", doc.title), ("published", doc.published), ("source", doc.source)) if v}
    if doc.text is not None:
        return {"text": doc.text, "url": doc.url, **meta}
    from ...ingest.html import from_html

    if doc.html is not None:
        return {**from_html(doc.html, doc.url or "the submitted HTML"), **({"url": doc.url} if doc.url else {}), **meta}
    from ...ingest.url import decode_body, fetch, is_url

    assert doc.url is not None
    if not is_url(doc.url):
        raise ApiError(f"url: {doc.url[:100]!r} is not an http(s) URL. Give an article's http:// or https:// address.", "S801", 422, "url")
    page = server.fetcher(doc.url) if server.fetcher else fetch(doc.url, allow_private=server.allow_private)
    return {**from_html(decode_body(page), doc.url), "url": page.url, **meta}


def submit(server: ServerState, doc: DocumentIn) -> tuple[bool, dict[str, Any]]:
    """Extract and store ``doc`` unless the store has it; ``(stored now, record)``."""
    item = _item(server, doc)
    doc_id = item.get("id") or text_id(item["text"])
    store = server.acquire()
    try:
        if not store.stored_documents([doc_id]):
            record = server.extract(item["text"], published=item.get("published"), id=doc_id, title=item.get("title"),
                                    url=item.get("url"), source=item.get("source"))
            with store.batch() as batch:
                stored = batch.add_record(record.to_dict(include_text=True), item.get("url") or "POST /v1/documents")
        else:
            stored = False
        out = store.document(doc_id)
        incidents = dict(store.query("SELECT ie.event_id, ie.incident_id FROM incident_events ie JOIN events e ON e.id = ie.event_id "
                                     "WHERE e.document_id = ?", (doc_id,)))
    finally:
        server.release(store)
    assert out is not None
    for event in out.get("events") or []:
        event["incident_id"] = incidents.get(event["id"])
    return stored, out
