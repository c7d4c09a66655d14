#include "sp/validation_state.h"

#include "sp/check_catalog.h"

namespace jh::sp {
namespace {

CheckResult make(const char* id, Outcome outcome)
{
    CheckResult r;
    r.id = QString::fromLatin1(id);
    r.outcome = outcome;
    if (const CheckInfo* info = findCheck(r.id)) {
        r.title = QString::fromUtf8(info->title);
        r.clause = QString::fromUtf8(info->clause);
    }
    return r;
}

} // namespace

QString nodePath(const xmlNode* node)
{
    if (!node)
        return {};
    xml::XmlCharPtr path(xmlGetNodePath(node));
    return xml::toQString(path.get());
}

void ValidationState::pass(const char* id, const QString& found, const xmlNode* at)
{
    CheckResult r = make(id, Outcome::Pass);
    r.found = found;
    r.path = nodePath(at);
    report.checks << r;
}

void ValidationState::fail(const char* id, const QString& expected, const QString& found,
                           const xmlNode* at, const QString& detail)
{
    CheckResult r = make(id, Outcome::Fail);
    r.expected = expected;
    r.found = found;
    r.path = nodePath(at);
    r.detail = detail;
    report.checks << r;
}

void ValidationState::skip(const char* id, const QString& why)
{
    CheckResult r = make(id, Outcome::Skipped);
    r.detail = why;
    report.checks << r;
}

bool ValidationState::anyFailure() const
{
    return report.firstFailure() != nullptr;
}

} // namespace jh::sp
