// Inside a push (not for callers of pushDirectory): the session that sends
// requests and records them in the report, the builders for the request
// shapes both vendors use, and the interface each vendor profile implements.
#pragma once

#include "scim/scim_client.h"

#include <QJsonArray>
#include <initializer_list>
#include <memory>

namespace jh::scim {

class PushSession
{
public:
    PushSession(const idp::Directory& directory, ScimClientState& state, ScimTransport& transport,
                const QDateTime& now, const ScimClientOptions& options, PushReport& report);

    const idp::Directory& directory() const { return m_directory; }
    ScimClientState& state() { return m_state; }
    const QDateTime& now() const { return m_now; }
    const ScimClientOptions& options() const { return m_options; }
    PushSummary& summary() { return m_report.summary; }
    bool aborted() const { return m_report.aborted.has_value(); }

    // Sends and records. A 2xx status, or one of `alsoOk`, is a success;
    // any other is a failed step. nullopt: no HTTP answer — the push is
    // aborted and later calls send nothing. A failed answer is returned too,
    // so callers check ok(), not just presence.
    std::optional<ScimResponse> send(const QString& action, const QString& subject,
                                     ScimRequest request, std::initializer_list<int> alsoOk = {});
    // Whether the last exchange succeeded.
    bool lastOk() const;
    // Marks the last exchange failed: its answer was 2xx but unusable.
    void failLast(const QString& why);

private:
    const idp::Directory& m_directory;
    ScimClientState& m_state;
    ScimTransport& m_transport;
    QDateTime m_now;
    const ScimClientOptions& m_options;
    PushReport& m_report;
};

// Request builders. Bodies are compact JSON.
ScimRequest getRequest(const QString& path, QList<QPair<QString, QString>> query = {});
ScimRequest bodyRequest(const char* method, const QString& path, const QJsonObject& body);
ScimRequest deleteRequest(const QString& path);
// {"schemas": [PatchOp], "Operations": [...]}
QJsonObject patchBody(const QJsonArray& operations);
QJsonObject patchOp(const QString& op, const QString& path, const QJsonValue& value);

// The first resource of a ListResponse; nullopt when it has none.
std::optional<QJsonObject> firstListed(const ScimResponse& response);
// A resource's "active", reading Entra-style strings ("True"/"False") too;
// true when absent.
bool activeOf(const QJsonObject& resource);

// One vendor's request sequences. Each call handles one person or group
// completely and updates the state only with what the server accepted.
class ProfileDriver
{
public:
    virtual ~ProfileDriver() = default;
    // `person` is null when the person is gone from the directory.
    virtual void syncUser(PushSession& s, const QString& personId, const idp::Person* person) = 0;
    // `members`: person id -> SCIM user id of the members the group should have.
    virtual void syncGroup(PushSession& s, const idp::Group& group,
                           const QMap<QString, QString>& members) = 0;
    // The group is gone from the directory.
    virtual void deleteGroup(PushSession& s, const QString& groupId) = 0;
    // After users and groups: Entra's hard deletes.
    virtual void finish(PushSession& s) { Q_UNUSED(s); }
};

std::unique_ptr<ProfileDriver> makeOktaDriver();
std::unique_ptr<ProfileDriver> makeEntraDriver();

} // namespace jh::scim
