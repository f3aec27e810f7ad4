import Foundation
import Hummingbird

/// The OpenAPI 3.1 document of `/api/v1`, built from the same route table as the router.
enum OpenAPIDocument {
    static func string(_ type: String = "string") -> [String: Any] { ["type": type] }
    static func nullable(_ type: String) -> [String: Any] { ["type": [type, "null"]] }
    static func object(_ properties: [String: Any], required: [String]) -> [String: Any] {
        ["type": "object", "properties": properties, "required": required]
    }
    static func ref(_ name: String) -> [String: Any] { ["$ref": "#/components/schemas/\(name)"] }
    static func array(_ items: [String: Any]) -> [String: Any] { ["type": "array", "items": items] }

    nonisolated(unsafe) static let schemas: [String: Any] = [
        "Me": object(["login": string(), "name": string(), "role": string(), "company": nullable("string"), "employeeID": nullable("integer")],
                     required: ["login", "name", "role"]),
        "Department": object(["id": string("integer"), "name": string()], required: ["id", "name"]),
        "Employee": object(
            ["id": string("integer"), "number": string(), "name": string(), "kana": string(), "departmentID": nullable("integer"),
             "position": string(), "hireDate": ["type": "string", "format": "date"]],
            required: ["id", "number", "name", "kana", "position", "hireDate"]),
        "EmployeeDetail": object(["employee": ref("Employee"), "levels": ["type": "object", "additionalProperties": string("integer")]],
                                 required: ["employee", "levels"]),
        "Skill": object(["id": string("integer"), "code": string(), "name": string(), "categoryID": string("integer")],
                        required: ["id", "code", "name", "categoryID"]),
        "SkillMap": object(["employees": array(ref("Employee")), "skills": array(ref("Skill")), "levels": array(array(string("integer")))],
                           required: ["employees", "skills", "levels"]),
        "Evaluation": object(
            ["id": string("integer"), "employeeID": string("integer"), "skillID": string("integer"), "level": string("integer"),
             "date": ["type": "string", "format": "date"], "kind": ["type": "string", "enum": ["self", "supervisor"]],
             "state": ["type": "string", "enum": ["pending", "approved", "rejected"]], "note": string(),
             "method": ["type": "string", "enum": ["signoff", "quiz", "supervisor", "self", "import"]],
             "evidence": ["type": "string", "description": "signoff:<id> or quiz:<id> (an attempt), or empty"],
             "manualID": nullable("integer"), "manualRevision": nullable("integer"), "decisionNote": string()],
            required: ["id", "employeeID", "skillID", "level", "date", "kind", "state", "note", "method", "evidence", "decisionNote"]),
        "NewEvaluation": object(
            ["employeeID": string("integer"), "skillID": string("integer"), "level": string("integer"), "date": nullable("string"),
             "note": nullable("string")],
            required: ["employeeID", "skillID", "level"]),
        "EvaluationReturn": object(["reason": string()], required: ["reason"]),
        "Chapter": object(["time": string("number"), "title": string(), "suggested": string("boolean")], required: ["time", "title", "suggested"]),
        "Clip": object(
            ["id": string("integer"), "title": string(), "tags": array(string()),
             "status": ["type": "string", "enum": ["uploaded", "processing", "ready", "failed"]], "progress": nullable("number"),
             "failure": nullable("string"), "duration": nullable("number"), "video": nullable("string"), "poster": nullable("string"),
             "chapters": ["type": ["array", "null"], "items": ref("Chapter")]],
            required: ["id", "title", "tags", "status"]),
        "Step": object(["mainStep": string(), "keyPoint": string(), "reason": string(), "start": string("number"), "end": nullable("number")],
                       required: ["mainStep", "keyPoint", "reason", "start"]),
        "Manual": object(
            ["id": string("integer"), "title": string(), "documentNumber": string(), "status": ["type": "string", "enum": ["draft", "approved"]],
             "revision": string("integer"), "clipID": nullable("integer"), "steps": array(ref("Step"))],
            required: ["id", "title", "documentNumber", "status", "revision", "steps"]),
        "HitPart": object(["text": string(), "match": string("boolean")], required: ["text", "match"]),
        "Hit": object(
            ["kind": ["type": "string", "enum": ["employee", "skill", "clip", "chapter", "manual"]], "title": string(), "snippet": string(),
             "href": string(), "titleParts": array(ref("HitPart")), "snippetParts": array(ref("HitPart")), "time": nullable("number")],
            required: ["kind", "title", "snippet", "href", "titleParts", "snippetParts"]),
        "Problem": object(["type": string(), "title": string(), "status": string("integer"), "detail": string(), "instance": string()],
                          required: ["title", "status", "detail"]),
    ]

    static func document(for routes: [APIRoute]) -> [String: Any] {
        var paths: [String: [String: Any]] = [:]
        let problem: [String: Any] = ["content": ["application/problem+json": ["schema": ref("Problem")]]]
        for route in routes {
            var parameters: [[String: Any]] = route.path.split(separator: "/").filter { $0.hasPrefix("{") }.map {
                ["name": String($0.dropFirst().dropLast()), "in": "path", "required": true, "schema": string("integer")]
            }
            parameters += route.query.map { ["name": $0, "in": "query", "required": false, "schema": string()] }
            var responses: [String: Any] = [
                "400": ["description": "Bad request"].merging(problem) { a, _ in a },
                "401": ["description": "Not logged in"].merging(problem) { a, _ in a },
                "403": ["description": "Not allowed"].merging(problem) { a, _ in a },
                "404": ["description": "Not found (or another company's)"].merging(problem) { a, _ in a },
            ]
            if route.response.isEmpty {
                responses["204"] = ["description": "Done"]
                responses["409"] = ["description": "Conflict"].merging(problem) { a, _ in a }
            } else {
                let schema = route.list ? array(ref(route.response)) : ref(route.response)
                let success = route.method == .post && route.body != nil ? "201" : "200"
                responses[success] = ["description": "OK", "content": ["application/json": ["schema": schema]]]
            }
            var operation: [String: Any] = [
                "operationId": route.operationID, "summary": route.summary, "parameters": parameters, "responses": responses,
            ]
            if let body = route.body {
                operation["requestBody"] = ["required": true, "content": ["application/json": ["schema": ref(body)]]]
            }
            paths[route.path, default: [:]][route.method.rawValue.lowercased()] = operation
        }
        return [
            "openapi": "3.1.0",
            "info": ["title": "Densho API", "version": "1.0.0", "description": "Skills, OJT and training clips (伝承)."],
            "servers": [["url": "/api/v1"]],
            "paths": paths,
            "components": [
                "schemas": schemas.merging(trainingSchemas) { old, _ in old }.merging(checkSchemas) { old, _ in old }
                    .merging(signOffSchemas) { old, _ in old },
                "securitySchemes": [
                    "token": ["type": "http", "scheme": "bearer"],
                    "session": ["type": "apiKey", "in": "cookie", "name": IdentityMiddleware.cookieName],
                ],
            ],
            "security": [["token": []], ["session": []]],
        ]
    }

    static func response(for routes: [APIRoute]) throws -> Response {
        let data = try JSONSerialization.data(withJSONObject: document(for: routes), options: [.sortedKeys, .withoutEscapingSlashes])
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
