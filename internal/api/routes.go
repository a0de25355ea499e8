package api

import (
	"reflect"

	"secretariat"
	"secretariat/internal/store"
)

// route is one operation of the API: what the server routes and what the OpenAPI
// document says, from the same value.
type route struct {
	method, path string
	// op is the operation's ID in the document; tag groups operations.
	op, tag, summary string
	// params are the query parameters the operation reads.
	params []param
	// in is the type of the JSON body a verb takes (nil: none); multipart says the JSON
	// comes in a part named json, with documents beside it.
	in        reflect.Type
	multipart bool
	// out is the type of the answer; list names the kind of a listing's records
	// instead.
	out  reflect.Type
	list string
	// primary is the kind of the record a verb is about and answers with.
	primary string
	// etag says that a read answers with the record's version as ETag.
	etag bool
	read func(c *call) (any, error)
	verb func(c *call) (store.Entry, error)
	// decode reads a verb's JSON body as the verb does, without running it.
	decode func(body []byte) error
}

// param is a query parameter.
type param struct {
	name, doc string
	// typ is its JSON Schema type: string (default) or integer.
	typ      string
	repeated bool
	required bool
}

// Query parameters several routes share.
var (
	pAsOf   = param{name: "as_of", doc: "read the record as it stood then: a date (the end of that day, UTC) or an RFC 3339 time"}
	pLang   = param{name: "lang", doc: "ru or en: the language of labels and of generated text"}
	pFrom   = param{name: "from", doc: "first day of the period, YYYY-MM-DD"}
	pTo     = param{name: "to", doc: "last day of the period, YYYY-MM-DD"}
	pWhere  = param{name: "where", repeated: true, doc: "field=value, as `secretariat list --where`: a text field matches a part of either language whatever the case, an enumerated field takes a value or its label, a list field must contain the value, any other field must equal it"}
	pLimit  = param{name: "limit", typ: "integer", doc: "records per page: 50 by default, at most 500"}
	pCursor = param{name: "cursor", doc: "the next field of the previous page: pages after the first are read as the record stood when the first was"}
)

// plural is the path of each kind's collection.
var plural = map[string]string{
	"organization": "organizations", "source": "sources", "state": "states", "body": "bodies",
	"session": "sessions", "chairmanship": "chairmanships", "draft": "drafts", "item": "items",
	"position": "positions", "decision": "decisions", "task": "tasks", "report": "reports",
	"area": "areas", "operation": "operations", "threat": "threats", "figure": "figures",
	"publication": "publications",
}

// viewTypes are the answers of the kinds whose view holds more than the record (the
// store's View): an item with its outcome explained and its positions grid, and so on.
var viewTypes = map[string]reflect.Type{
	"item":         reflect.TypeFor[store.ItemView](),
	"decision":     reflect.TypeFor[store.DecisionView](),
	"draft":        reflect.TypeFor[store.DraftView](),
	"task":         reflect.TypeFor[store.TaskView](),
	"chairmanship": reflect.TypeFor[store.ChairmanshipView](),
	"operation":    reflect.TypeFor[store.OperationView](),
	"threat":       reflect.TypeFor[store.ThreatView](),
}

// recordType is the Go type of a kind's records.
func recordType(kind string) reflect.Type {
	k, _ := secretariat.LookupKind(kind)
	return reflect.TypeOf(k.New()).Elem()
}

// table is every route of the API.
func (a *API) table() []route {
	var rs []route
	for _, k := range secretariat.Kinds() {
		rs = append(rs, listRoute(k.Name), getRoute(k.Name))
	}
	rs = append(rs, viewRoutes()...)
	rs = append(rs, searchRoute())
	rs = append(rs, verbRoutes()...)
	return rs
}
