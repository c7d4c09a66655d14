#include "scim/scim_user.h"

#include "scim/scim_meta.h"
#include "scim/scim_schema.h"

#include <QJsonArray>

namespace jh::scim {
namespace {

const QString kName = QStringLiteral("name");
const QString kEmails = QStringLiteral("emails");
const QString kEnterprise = QString::fromLatin1(kEnterpriseUserSchema);

// Which e-mail is the account's: the one marked primary, else the first of
// type work, else the first. -1 when there is none.
qsizetype accountEmailIndex(const QJsonArray& emails)
{
    for (qsizetype i = 0; i < emails.size(); ++i)
        if (emails[i].toObject().value(QStringLiteral("primary")).toBool())
            return i;
    for (qsizetype i = 0; i < emails.size(); ++i)
        if (emails[i].toObject().value(QStringLiteral("type")).toString() == QLatin1String("work"))
            return i;
    return emails.isEmpty() ? -1 : 0;
}

// Takes `key` out of `from` and returns it as a string.
QString take(QJsonObject& from, const QString& key)
{
    return from.take(key).toString();
}

void putString(QJsonObject& o, const QString& key, const QString& value)
{
    if (!value.isEmpty())
        o.insert(key, value);
}

} // namespace

UserFields userFields(const QJsonObject& resource)
{
    UserFields f;
    QJsonObject kept = resource;
    kept.remove(QStringLiteral("schemas"));
    f.profile.userName = take(kept, QStringLiteral("userName"));
    f.profile.displayName = take(kept, QStringLiteral("displayName"));
    f.profile.jobTitle = take(kept, QStringLiteral("title"));
    f.externalId = take(kept, QStringLiteral("externalId"));
    if (kept.contains(QStringLiteral("active")))
        f.active = kept.take(QStringLiteral("active")).toBool();
    // A password is write-only and this SP signs people in through their
    // IdP: it is neither stored nor returned.
    kept.remove(QStringLiteral("password"));

    QJsonObject name = kept.value(kName).toObject();
    f.profile.givenName = take(name, QStringLiteral("givenName"));
    f.profile.familyName = take(name, QStringLiteral("familyName"));
    if (name.isEmpty())
        kept.remove(kName);
    else
        kept.insert(kName, name);

    const QJsonArray emails = kept.value(kEmails).toArray();
    const qsizetype index = accountEmailIndex(emails);
    if (index >= 0)
        f.profile.email = emails[index].toObject().value(QStringLiteral("value")).toString();

    QJsonObject enterprise = kept.value(kEnterprise).toObject();
    f.profile.department = take(enterprise, QStringLiteral("department"));
    f.profile.employeeId = take(enterprise, QStringLiteral("employeeNumber"));
    if (enterprise.isEmpty())
        kept.remove(kEnterprise);
    else
        kept.insert(kEnterprise, enterprise);
    f.kept = kept;
    return f;
}

QJsonObject writableUser(const jit::Account& a, const QJsonObject& kept)
{
    QJsonObject o = kept;
    const jit::Profile& p = a.profile;
    putString(o, QStringLiteral("userName"), p.userName);
    putString(o, QStringLiteral("displayName"), p.displayName);
    putString(o, QStringLiteral("title"), p.jobTitle);
    putString(o, QStringLiteral("externalId"), a.externalId);
    o.insert(QStringLiteral("active"), a.status == jit::AccountStatus::Active);

    QJsonObject name = o.value(kName).toObject();
    putString(name, QStringLiteral("givenName"), p.givenName);
    putString(name, QStringLiteral("familyName"), p.familyName);
    if (!name.isEmpty())
        o.insert(kName, name);

    // The account's e-mail replaces the value it came from: a JIT login may
    // have changed it since the client sent its list.
    QJsonArray emails = o.value(kEmails).toArray();
    const qsizetype index = accountEmailIndex(emails);
    if (index >= 0 && p.email.isEmpty()) {
        emails.removeAt(index);
    } else if (index >= 0) {
        QJsonObject e = emails[index].toObject();
        e.insert(QStringLiteral("value"), p.email);
        emails[index] = e;
    } else if (!p.email.isEmpty()) {
        emails.prepend(QJsonObject{{QStringLiteral("value"), p.email},
                                   {QStringLiteral("type"), QStringLiteral("work")},
                                   {QStringLiteral("primary"), true}});
    }
    if (emails.isEmpty())
        o.remove(kEmails);
    else
        o.insert(kEmails, emails);

    QJsonObject enterprise = o.value(kEnterprise).toObject();
    putString(enterprise, QStringLiteral("department"), p.department);
    putString(enterprise, QStringLiteral("employeeNumber"), p.employeeId);
    QJsonArray schemas{QString::fromLatin1(kUserSchema)};
    if (!enterprise.isEmpty()) {
        o.insert(kEnterprise, enterprise);
        schemas.append(kEnterprise);
    }
    o.insert(QStringLiteral("schemas"), schemas);
    return o;
}

QString userLocation(const QString& baseUrl, qint64 id)
{
    return baseUrl + QStringLiteral("/Users/") + QString::number(id);
}

QJsonObject renderUser(const jit::Account& a, const QJsonObject& kept,
                       const QList<jit::SpGroup>& groups, const QString& baseUrl)
{
    QJsonObject o = writableUser(a, kept);
    o.insert(QStringLiteral("id"), QString::number(a.id));
    if (!groups.isEmpty()) {
        QJsonArray list;
        for (const jit::SpGroup& g : groups)
            list.append(QJsonObject{
                {QStringLiteral("value"), QString::number(g.id)},
                {QStringLiteral("$ref"),
                 baseUrl + QStringLiteral("/Groups/") + QString::number(g.id)},
                {QStringLiteral("display"), g.displayName},
                {QStringLiteral("type"), QStringLiteral("direct")},
            });
        o.insert(QStringLiteral("groups"), list);
    }
    return withMeta(o, QStringLiteral("User"), a.created, a.updated, userLocation(baseUrl, a.id));
}

} // namespace jh::scim
