package api

import (
	"encoding/json"
	"net/http"
	"reflect"
	"regexp"
	"sort"
	"strconv"

	"secretariat/internal/store"
)

var pathParam = regexp.MustCompile(`\{([a-z_]+)\}`)

// document writes the OpenAPI 3.1 document of the routes.
func (a *API) document() ([]byte, error) {
	s := newSchemas()
	s.defs["Error"] = s.object(reflect.TypeFor[Error]())
	paths := map[string]obj{}
	for i := range a.routes {
		rt := &a.routes[i]
		item := paths[rt.path]
		if item == nil {
			item = obj{}
			paths[rt.path] = item
		}
		item[lower(rt.method)] = operation(s, rt)
	}
	paths[OpenAPIPath] = obj{"get": obj{"operationId": "openapi", "tags": []string{"api"}, "summary": "This document",
		"responses": obj{"200": obj{"description": "the OpenAPI 3.1 document of the API",
			"content": obj{"application/json": obj{"schema": obj{"type": "object"}}}}}}}
	doc := obj{
		"openapi": "3.1.0",
		"info": obj{"title": "secretariat", "version": "1",
			"description": "The record of an intergovernmental organization's decision cycle, for the member states' and researchers' own tools. " +
				"Reads need no token and show what the public may see; a token (Authorization: Bearer, made with `secretariat token create`) reads as its account, and one with the write scope of an officer's account runs the verbs. " +
				"Every verb answers with the record it is about and the journal entry it wrote. A verb that changes an existing record needs If-Match with the ETag read (412 when the record changed since, 428 without it). " +
				"A POST with an Idempotency-Key is written once within 24 hours; the same key with another body is refused (409). " +
				"Errors have one body: {\"error\": {\"code\", \"message\", \"fields\"}}."},
		"servers": []obj{{"url": "/"}},
		"paths":   paths,
		"components": obj{"schemas": s.defs,
			"securitySchemes": obj{"token": obj{"type": "http", "scheme": "bearer", "description": "a token made with `secretariat token create`"}}},
	}
	return json.MarshalIndent(doc, "", "  ")
}

func lower(m string) string {
	switch m {
	case http.MethodGet:
		return "get"
	case http.MethodPost:
		return "post"
	}
	return m
}

// operation documents one route.
func operation(s *schemas, rt *route) obj {
	var params []obj
	for _, m := range pathParam.FindAllStringSubmatch(rt.path, -1) {
		params = append(params, obj{"name": m[1], "in": "path", "required": true, "schema": obj{"type": "string"}})
	}
	for _, p := range rt.params {
		ty := p.typ
		if ty == "" {
			ty = "string"
		}
		sch := obj{"type": ty}
		if p.repeated {
			sch = obj{"type": "array", "items": obj{"type": ty}}
		}
		q := obj{"name": p.name, "in": "query", "description": p.doc, "schema": sch, "required": p.required}
		if p.repeated {
			q["style"], q["explode"] = "form", true
		}
		params = append(params, q)
	}
	op := obj{"operationId": rt.op, "tags": []string{rt.tag}, "summary": rt.summary,
		"security": []obj{{}, {"token": []string{}}}}
	statuses := []int{400, 401, 404, 429, 500}
	success := obj{"description": "the answer", "content": obj{"application/json": obj{"schema": answerSchema(s, rt)}}}
	code := "200"
	if rt.verb != nil {
		op["security"] = []obj{{"token": []string{}}}
		params = append(params,
			obj{"name": "If-Match", "in": "header", "schema": obj{"type": "string"},
				"description": "the ETag of the record the verb changes, as read: required when the verb changes a record that exists"},
			obj{"name": "Idempotency-Key", "in": "header", "schema": obj{"type": "string", "minLength": 1, "maxLength": 255},
				"description": "a key of the client's choosing: the same key and request within 24 hours is answered as the first time and written once"})
		statuses = []int{400, 401, 403, 404, 409, 412, 413, 415, 428, 429, 500}
		code = "201"
		success["headers"] = obj{"ETag": obj{"description": "the new version of the record", "schema": obj{"type": "string"}}}
		// A verb that changed nothing answers 200 with both fields null.
		op["responses"] = obj{"200": obj{"description": "nothing changed: the record was already so",
			"content": obj{"application/json": obj{"schema": answerSchema(s, rt)}}}}
		if rt.in != nil {
			body := s.of(rt.in)
			if rt.multipart {
				op["requestBody"] = obj{"required": true, "content": obj{"multipart/form-data": obj{"schema": obj{
					"type": "object", "required": []string{"json"},
					"properties": obj{"json": body, "documents": obj{"type": "array", "items": obj{"type": "string", "contentMediaType": "application/octet-stream"}}}},
					"encoding": obj{"json": obj{"contentType": "application/json"}}}}}
			} else {
				op["requestBody"] = obj{"required": true, "content": obj{"application/json": obj{"schema": body}}}
			}
		}
	} else if rt.etag {
		success["headers"] = obj{"ETag": obj{"description": "the record's version: the journal entry that last wrote it", "schema": obj{"type": "string"}}}
	}
	responses, _ := op["responses"].(obj)
	if responses == nil {
		responses = obj{}
	}
	responses[code] = success
	for _, st := range statuses {
		responses[strconv.Itoa(st)] = obj{"description": http.StatusText(st),
			"content": obj{"application/json": obj{"schema": obj{"$ref": "#/components/schemas/Error"}}}}
	}
	op["responses"] = responses
	sort.SliceStable(params, func(i, j int) bool { return params[i]["in"].(string) == "path" && params[j]["in"].(string) != "path" })
	if len(params) > 0 {
		op["parameters"] = params
	}
	return op
}

// answerSchema is the schema of a route's successful answer.
func answerSchema(s *schemas, rt *route) obj {
	ref := func(kind string) obj { return s.of(recordType(kind)) }
	switch {
	case rt.list != "":
		return obj{"type": "object", "additionalProperties": false, "required": []string{"kind", "total", "items"},
			"properties": obj{"kind": obj{"const": rt.list}, "total": obj{"type": "integer"},
				"items":  obj{"type": "array", "items": ref(rt.list)},
				"next":   obj{"type": "string"},
				"labels": obj{"type": "array", "items": obj{"type": "object", "additionalProperties": obj{"type": "string"}}}}}
	case rt.verb != nil:
		return obj{"type": "object", "additionalProperties": false, "required": []string{"record", "entry"},
			"properties": obj{"record": nullable(ref(rt.primary)), "entry": nullable(s.of(reflect.TypeFor[store.Entry]()))}}
	case rt.etag:
		return obj{"type": "object", "additionalProperties": false, "required": []string{"kind", "id", "version", "data"},
			"properties": obj{"kind": obj{"const": rt.primary}, "id": obj{"type": "string"}, "version": obj{"type": "integer"},
				"data":   notNull(s.of(rt.out)),
				"labels": obj{"type": "object", "additionalProperties": obj{"type": "string"}}}}
	}
	return notNull(s.of(rt.out))
}
