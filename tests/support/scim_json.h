// JSON for the SCIM tests, written so that a table row reads like the
// message: the schema URNs as macros that splice into string literals, JSON
// written with ' for ", and JSON values compared as compact text.
#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QString>

// Schema URNs, as macros so that they splice into the JSON literals.
#define USER_URN "urn:ietf:params:scim:schemas:core:2.0:User"
#define ENT_URN "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
#define GROUP_URN "urn:ietf:params:scim:schemas:core:2.0:Group"
#define PATCH_URN "urn:ietf:params:scim:api:messages:2.0:PatchOp"

namespace jh::test {

QString s(const char* text); // UTF-8

// JSON written with ' for " — moc (Qt 6.4) misreads quotes inside raw
// strings, and escaped quotes would bury the structure. \\' gives \".
QByteArray j(const char* text);

// j(text) parsed: any JSON value; bad JSON ends the test run.
QJsonValue parsed(const char* text);

// A value as compact JSON text, so that QCOMPARE prints what differed.
QString jsonText(const QJsonValue& v);

// A PatchOp message around `operations`, itself written as for j().
QByteArray patchBody(const char* operations);

} // namespace jh::test
