#include "sim/scenario_file.h"

#include "common/file_io.h"
#include "common/yaml_fields.h"
#include "idp/preset_catalog.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <algorithm>
#include <cmath>
#include <tuple>

namespace jh::sim {

using jh::yaml::FieldError;
using jh::yaml::Fields;

namespace {

constexpr char kErrorId[] = "sim.scenario-invalid";

template <typename E> using Names = std::initializer_list<std::pair<E, const char*>>;

const Names<HrEventKind> kEventKinds = {{HrEventKind::Hire, "hire"},
                                        {HrEventKind::Leave, "leave"},
                                        {HrEventKind::Transfer, "transfer"},
                                        {HrEventKind::Rename, "rename"},
                                        {HrEventKind::EmailChange, "email-change"}};
const Names<BillingRule> kBillingRules = {{BillingRule::MonthlyActive, "monthly-active"},
                                          {BillingRule::NonDeleted, "non-deleted"}};
const Names<StrategyKind> kStrategies = {{StrategyKind::SelfRegistration, "self-registration"},
                                         {StrategyKind::ScimPreprovision, "scim-preprovision"},
                                         {StrategyKind::Jit, "jit"},
                                         {StrategyKind::JitScimOffboard, "jit-scim-offboard"},
                                         {StrategyKind::JitCleanup, "jit-cleanup"},
                                         {StrategyKind::JitCsvOffboard, "jit-csv-offboard"}};
const char* const kWeekDays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

template <typename E> QString nameOf(const Names<E>& names, E value)
{
    for (const auto& [v, n] : names)
        if (v == value)
            return QString::fromLatin1(n);
    return {};
}

template <typename E> std::optional<E> fromName(const Names<E>& names, const QString& name)
{
    for (const auto& [v, n] : names)
        if (name == QLatin1String(n))
            return v;
    return std::nullopt;
}

template <typename E> QString allNames(const Names<E>& names)
{
    QStringList out;
    for (const auto& [v, n] : names)
        out << QString::fromLatin1(n);
    return out.join(QStringLiteral(", "));
}

class ScenarioReader
{
public:
    ScenarioReader(const QString& fileName, QString baseDir, const QByteArray& text)
        : f(fileName, kErrorId), m_file(fileName), m_base(std::move(baseDir)), m_text(text)
    {}

    Scenario read()
    {
        const YAML::Node root = f.parse(m_text);
        f.expectMap(root, {});
        f.checkKeys(root, {},
                    {"title", "description", "start", "days", "seed", "organisation", "hr",
                     "signIns", "idp", "sp", "billing", "strategies"});
        s.fileName = m_file;
        s.title = f.str(root, "title", {}, false);
        if (s.title.isEmpty())
            s.title = QFileInfo(m_file).completeBaseName();
        s.description = f.str(root, "description", {}, false);
        s.start = date(root, "start", {}, s.start);
        s.days = f.integer(root, "days", {}, s.days, 1, 3660);
        s.seed = seed(root);
        readOrganisation(section(root, "organisation"));
        readHr(section(root, "hr"));
        readSignIns(section(root, "signIns"));
        readIdp(section(root, "idp"));
        readSp(section(root, "sp"));
        readBilling(section(root, "billing"));
        readStrategies(root);
        return s;
    }

private:
    // ---- scalars ---------------------------------------------------------

    // An absent section reads as an empty one, so its defaults apply.
    YAML::Node section(const YAML::Node& root, const char* key) const
    {
        if (!Fields::has(root, key))
            return YAML::Node(YAML::NodeType::Map);
        const YAML::Node n = root[key];
        f.expectMap(n, QString::fromLatin1(key));
        return n;
    }

    QString scalar(const YAML::Node& n, const QString& path) const
    {
        if (!n.IsScalar())
            f.fail(n, path, QStringLiteral("expected a single value"));
        return jh::yaml::fromStd(n.Scalar());
    }

    double number(const YAML::Node& map, const char* key, const QString& path, double fallback,
                  double min, double max) const
    {
        if (!Fields::has(map, key))
            return fallback;
        return numberAt(map[key], Fields::child(path, key), min, max);
    }

    double numberAt(const YAML::Node& n, const QString& path, double min, double max) const
    {
        const QString text = scalar(n, path);
        bool ok = false;
        const double v = text.toDouble(&ok);
        if (!ok || !std::isfinite(v))
            f.fail(n, path, QStringLiteral("expected a number, found '%1'").arg(text));
        if (v < min || v > max)
            f.fail(n, path,
                   QStringLiteral("%1 is out of range (%2..%3)")
                       .arg(text, QString::number(min, 'g', 10), QString::number(max, 'g', 10)));
        return v;
    }

    double probability(const YAML::Node& map, const char* key, const QString& path,
                       double fallback) const
    {
        return number(map, key, path, fallback, 0.0, 1.0);
    }

    static QDate isoDate(const QString& text)
    {
        static const QRegularExpression re(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
        if (!re.match(text).hasMatch())
            return {};
        return QDate::fromString(text, QStringLiteral("yyyy-MM-dd"));
    }

    QDate dateAt(const YAML::Node& n, const QString& path) const
    {
        const QString text = scalar(n, path);
        const QDate d = isoDate(text);
        if (!d.isValid())
            f.fail(n, path, QStringLiteral("'%1' is not a date (write YYYY-MM-DD)").arg(text));
        return d;
    }

    QDate date(const YAML::Node& map, const char* key, const QString& path, QDate fallback) const
    {
        if (!Fields::has(map, key))
            return fallback;
        return dateAt(map[key], Fields::child(path, key));
    }

    // A day inside the simulated period.
    QDate runDate(const YAML::Node& map, const char* key, const QString& path) const
    {
        const QString where = Fields::child(path, key);
        if (!Fields::has(map, key))
            f.fail(map, where, QStringLiteral("required"));
        const QDate d = dateAt(map[key], where);
        if (d < s.start || d >= s.end())
            f.fail(map[key], where,
                   QStringLiteral("%1 is outside the run (%2 to %3)")
                       .arg(d.toString(Qt::ISODate), s.start.toString(Qt::ISODate),
                            s.end().addDays(-1).toString(Qt::ISODate)));
        return d;
    }

    quint64 seed(const YAML::Node& root) const
    {
        if (!Fields::has(root, "seed"))
            return s.seed;
        const QString text = scalar(root["seed"], QStringLiteral("seed"));
        bool ok = false;
        const quint64 v = text.toULongLong(&ok);
        if (!ok || text.startsWith(QLatin1Char('+')))
            f.fail(root["seed"], QStringLiteral("seed"),
                   QStringLiteral("expected a whole number from 0 to 18446744073709551615, "
                                  "found '%1'")
                       .arg(text));
        return v;
    }

    template <typename E>
    E choice(const YAML::Node& map, const char* key, const QString& path, const Names<E>& names,
             E fallback) const
    {
        if (!Fields::has(map, key))
            return fallback;
        const QString value = f.str(map, key, path, true);
        if (const auto v = fromName(names, value))
            return *v;
        f.fail(map[key], Fields::child(path, key),
               QStringLiteral("'%1' is not one of: %2").arg(value, allNames(names)));
    }

    // A name that ends up in the directory: no surrounding blanks.
    QString plainName(const YAML::Node& map, const char* key, const QString& path) const
    {
        QString v = f.str(map, key, path, true);
        if (v != v.trimmed())
            f.fail(map[key], Fields::child(path, key),
                   QStringLiteral("'%1' has blanks around it").arg(v));
        return v;
    }

    // ---- organisation ----------------------------------------------------

    void readOrganisation(const YAML::Node& n)
    {
        const QString path = QStringLiteral("organisation");
        f.checkKeys(n, path,
                    {"name", "tenantId", "headCount", "emailDomain", "usernamePattern",
                     "departments", "groups"});
        Organisation& o = s.organisation;
        if (Fields::has(n, "name"))
            o.name = plainName(n, "name", path);
        if (Fields::has(n, "tenantId")) {
            o.tenantId = f.str(n, "tenantId", path, true);
            static const QRegularExpression guid(
                QStringLiteral("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
                               "[0-9a-fA-F]{12}$"));
            if (!guid.match(o.tenantId).hasMatch())
                f.fail(n["tenantId"], Fields::child(path, "tenantId"),
                       QStringLiteral("'%1' is not a GUID").arg(o.tenantId));
        }
        o.headCount = f.integer(n, "headCount", path, o.headCount, 0, 1000000);
        if (Fields::has(n, "emailDomain")) {
            o.emailDomain = f.str(n, "emailDomain", path, true);
            static const QRegularExpression domain(
                QStringLiteral("^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?"
                               "(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+$"));
            if (!domain.match(o.emailDomain).hasMatch())
                f.fail(n["emailDomain"], Fields::child(path, "emailDomain"),
                       QStringLiteral("'%1' is not a domain name (write corp.example, no @)")
                           .arg(o.emailDomain));
        }
        if (Fields::has(n, "usernamePattern"))
            readUsernamePattern(n, path);
        readDepartments(n, path);
        readExtraGroups(n, path);
    }

    void readUsernamePattern(const YAML::Node& n, const QString& path)
    {
        const QString pattern = f.str(n, "usernamePattern", path, true);
        const QString where = Fields::child(path, "usernamePattern");
        static const QRegularExpression token(QStringLiteral("\\{([^}]*)\\}"));
        const QStringList known{QStringLiteral("given"), QStringLiteral("family"),
                                QStringLiteral("g"), QStringLiteral("n")};
        QString rest = pattern;
        bool namesSomeone = false;
        for (auto it = token.globalMatch(pattern); it.hasNext();) {
            const QString t = it.next().captured(1);
            if (!known.contains(t))
                f.fail(n["usernamePattern"], where,
                       QStringLiteral("unknown placeholder {%1} (known: {given}, {family}, {g}, "
                                      "{n})")
                           .arg(t));
            namesSomeone = namesSomeone || t != QLatin1String("g");
            rest.remove(QLatin1Char('{') + t + QLatin1Char('}'));
        }
        static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9._-]*$"));
        if (!plain.match(rest).hasMatch())
            f.fail(n["usernamePattern"], where,
                   QStringLiteral("'%1': outside placeholders only letters, digits, '.', '_' "
                                  "and '-' (the domain is added from emailDomain)")
                       .arg(pattern));
        if (!namesSomeone)
            f.fail(n["usernamePattern"], where,
                   QStringLiteral("'%1' needs {given}, {family} or {n}").arg(pattern));
        s.organisation.usernamePattern = pattern;
    }

    void readDepartments(const YAML::Node& n, const QString& parent)
    {
        Organisation& o = s.organisation;
        if (!Fields::has(n, "departments")) {
            o.departments = {Department{QStringLiteral("Staff"), 1.0, {QStringLiteral("Staff")}}};
            return;
        }
        const YAML::Node list = n["departments"];
        const QString path = Fields::child(parent, "departments");
        f.expectList(list, path);
        if (list.size() == 0)
            f.fail(list, path, QStringLiteral("list at least one department"));
        double sum = 0.0;
        for (std::size_t i = 0; i < list.size(); ++i) {
            const YAML::Node d = list[i];
            const QString at = Fields::index(path, qsizetype(i));
            f.expectMap(d, at);
            f.checkKeys(d, at, {"name", "share", "groups"});
            Department dep;
            dep.name = plainName(d, "name", at);
            if (o.department(dep.name))
                f.fail(d["name"], Fields::child(at, "name"),
                       QStringLiteral("department '%1' is listed twice").arg(dep.name));
            if (!Fields::has(d, "share"))
                f.fail(d, Fields::child(at, "share"), QStringLiteral("required"));
            dep.share = probability(d, "share", at, 0.0);
            dep.groups = groupNames(d, "groups", at);
            sum += dep.share;
            o.departments << dep;
        }
        // People write thirds as 0.33: a little slack, never a silent rescale.
        if (std::abs(sum - 1.0) > 0.005)
            f.fail(list, path,
                   QStringLiteral("the shares add up to %1; they must add up to 1")
                       .arg(sum, 0, 'g', 6));
    }

    QStringList groupNames(const YAML::Node& map, const char* key, const QString& path) const
    {
        QStringList names = f.strList(map, key, path);
        const QString where = Fields::child(path, key);
        for (qsizetype i = 0; i < names.size(); ++i) {
            const YAML::Node at = map[key][std::size_t(i)];
            if (names[i].trimmed().isEmpty() || names[i] != names[i].trimmed())
                f.fail(at, Fields::index(where, i),
                       QStringLiteral("'%1' is not a group name").arg(names[i]));
            if (names.indexOf(names[i]) != i)
                f.fail(at, Fields::index(where, i),
                       QStringLiteral("group '%1' is listed twice").arg(names[i]));
        }
        return names;
    }

    void readExtraGroups(const YAML::Node& n, const QString& parent)
    {
        if (!Fields::has(n, "groups"))
            return;
        const YAML::Node list = n["groups"];
        const QString path = Fields::child(parent, "groups");
        f.expectList(list, path);
        QSet<QString> departmentGroups;
        for (const Department& d : s.organisation.departments)
            for (const QString& g : d.groups)
                departmentGroups.insert(g);
        QSet<QString> seen;
        for (std::size_t i = 0; i < list.size(); ++i) {
            const YAML::Node g = list[i];
            const QString at = Fields::index(path, qsizetype(i));
            f.expectMap(g, at);
            f.checkKeys(g, at, {"name", "share"});
            ExtraGroup group{plainName(g, "name", at), 0.0};
            if (seen.contains(group.name))
                f.fail(g["name"], Fields::child(at, "name"),
                       QStringLiteral("group '%1' is listed twice").arg(group.name));
            if (departmentGroups.contains(group.name))
                f.fail(g["name"], Fields::child(at, "name"),
                       QStringLiteral("'%1' is already a department's group").arg(group.name));
            seen.insert(group.name);
            if (!Fields::has(g, "share"))
                f.fail(g, Fields::child(at, "share"), QStringLiteral("required"));
            group.share = probability(g, "share", at, 0.0);
            s.organisation.groups << group;
        }
    }

    // ---- HR --------------------------------------------------------------

    void readHr(const YAML::Node& n)
    {
        const QString path = QStringLiteral("hr");
        f.checkKeys(n, path,
                    {"hireRate", "leaveRate", "seasonality", "transferRate", "renameRate",
                     "emailChangeRate", "contractorWaves", "events"});
        HrRates& hr = s.hr;
        hr.leaveRate = number(n, "leaveRate", path, hr.leaveRate, 0.0, 10.0);
        hr.hireRate = number(n, "hireRate", path, hr.leaveRate, 0.0, 10.0);
        hr.transferRate = number(n, "transferRate", path, hr.transferRate, 0.0, 10.0);
        hr.renameRate = number(n, "renameRate", path, hr.renameRate, 0.0, 10.0);
        hr.emailChangeRate = number(n, "emailChangeRate", path, hr.emailChangeRate, 0.0, 10.0);
        if (Fields::has(n, "seasonality"))
            readSeasonality(n["seasonality"], Fields::child(path, "seasonality"));
        readWaves(n, path);
        readEvents(n, path);
    }

    void readSeasonality(const YAML::Node& list, const QString& path)
    {
        f.expectList(list, path);
        if (list.size() != 12)
            f.fail(list, path,
                   QStringLiteral("expected 12 values, January to December; found %1")
                       .arg(list.size()));
        double sum = 0.0;
        for (std::size_t i = 0; i < 12; ++i) {
            s.hr.seasonality[i] = numberAt(list[i], Fields::index(path, qsizetype(i)), 0.0, 100.0);
            sum += s.hr.seasonality[i];
        }
        if (sum <= 0.0)
            f.fail(list, path, QStringLiteral("at least one month must have a weight above 0"));
    }

    void readWaves(const YAML::Node& n, const QString& parent)
    {
        if (!Fields::has(n, "contractorWaves"))
            return;
        const YAML::Node list = n["contractorWaves"];
        const QString path = Fields::child(parent, "contractorWaves");
        f.expectList(list, path);
        for (std::size_t i = 0; i < list.size(); ++i) {
            const YAML::Node w = list[i];
            const QString at = Fields::index(path, qsizetype(i));
            f.expectMap(w, at);
            f.checkKeys(w, at, {"start", "count", "days", "department"});
            ContractorWave wave;
            wave.start = runDate(w, "start", at);
            if (!Fields::has(w, "count"))
                f.fail(w, Fields::child(at, "count"), QStringLiteral("required"));
            wave.count = f.integer(w, "count", at, 0, 1, 1000000);
            if (!Fields::has(w, "days"))
                f.fail(w, Fields::child(at, "days"), QStringLiteral("required"));
            wave.days = f.integer(w, "days", at, 0, 1, 3660);
            wave.department = department(w, "department", at);
            s.hr.contractorWaves << wave;
        }
    }

    QString department(const YAML::Node& map, const char* key, const QString& path) const
    {
        QString d = f.str(map, key, path, true);
        if (!s.organisation.department(d)) {
            QStringList known;
            for (const Department& dep : s.organisation.departments)
                known << dep.name;
            f.fail(map[key], Fields::child(path, key),
                   QStringLiteral("no department '%1' (known: %2)")
                       .arg(d, known.join(QStringLiteral(", "))));
        }
        return d;
    }

    void readEvents(const YAML::Node& n, const QString& parent)
    {
        if (!Fields::has(n, "events"))
            return;
        const YAML::Node list = n["events"];
        const QString path = Fields::child(parent, "events");
        f.expectList(list, path);
        struct Read
        {
            ScriptedEvent event;
            std::size_t index;
        };
        QList<Read> events;
        for (std::size_t i = 0; i < list.size(); ++i) {
            const YAML::Node e = list[i];
            const QString at = Fields::index(path, qsizetype(i));
            f.expectMap(e, at);
            f.checkKeys(e, at, {"date", "kind", "person", "department"});
            ScriptedEvent ev;
            ev.date = runDate(e, "date", at);
            if (!Fields::has(e, "kind"))
                f.fail(e, Fields::child(at, "kind"), QStringLiteral("required"));
            ev.kind = choice(e, "kind", at, kEventKinds, ev.kind);
            ev.person = plainName(e, "person", at);
            const bool needsDepartment =
                ev.kind == HrEventKind::Hire || ev.kind == HrEventKind::Transfer;
            if (needsDepartment)
                ev.department = department(e, "department", at);
            else if (Fields::has(e, "department"))
                f.fail(e["department"], Fields::child(at, "department"),
                       QStringLiteral("only a hire or a transfer names a department"));
            events << Read{ev, i};
        }
        std::stable_sort(events.begin(), events.end(),
                         [](const Read& a, const Read& b) { return a.event.date < b.event.date; });
        checkEventReferences(events, list, path);
        for (const Read& r : events)
            s.hr.events << r.event;
    }

    // In date order: a hire names a new person, everything else someone
    // hired earlier and still there.
    template <typename ReadList>
    void checkEventReferences(const ReadList& events, const YAML::Node& list,
                              const QString& path) const
    {
        QHash<QString, QString> departmentOf; // hired and still there
        QHash<QString, QDate> leftOn;
        QSet<QString> everHired;
        for (const auto& r : events) {
            const ScriptedEvent& ev = r.event;
            const YAML::Node at = list[r.index]["person"];
            const QString where = Fields::child(Fields::index(path, qsizetype(r.index)), "person");
            if (ev.kind == HrEventKind::Hire) {
                if (everHired.contains(ev.person))
                    f.fail(at, where,
                           QStringLiteral("'%1' is hired twice (give each hire its own id)")
                               .arg(ev.person));
                everHired.insert(ev.person);
                departmentOf.insert(ev.person, ev.department);
                continue;
            }
            if (!departmentOf.contains(ev.person))
                f.fail(at, where,
                       everHired.contains(ev.person)
                           ? QStringLiteral("'%1' left on %2")
                                 .arg(ev.person, leftOn.value(ev.person).toString(Qt::ISODate))
                           : QStringLiteral("no scripted hire of '%1' on or before %2")
                                 .arg(ev.person, ev.date.toString(Qt::ISODate)));
            if (ev.kind == HrEventKind::Leave) {
                departmentOf.remove(ev.person);
                leftOn.insert(ev.person, ev.date);
            }
            if (ev.kind == HrEventKind::Transfer) {
                if (departmentOf.value(ev.person) == ev.department)
                    f.fail(list[r.index]["department"],
                           Fields::child(Fields::index(path, qsizetype(r.index)), "department"),
                           QStringLiteral("'%1' is already in %2").arg(ev.person, ev.department));
                departmentOf.insert(ev.person, ev.department);
            }
        }
    }

    // ---- sign-ins --------------------------------------------------------

    void readSignIns(const YAML::Node& n)
    {
        const QString path = QStringLiteral("signIns");
        f.checkKeys(
            n, path,
            {"workingDayProbability", "neverAdopt", "workingDays", "holidays", "sessionHours"});
        SignInHabits& h = s.signIns;
        h.workingDayProbability =
            probability(n, "workingDayProbability", path, h.workingDayProbability);
        h.neverAdopt = probability(n, "neverAdopt", path, h.neverAdopt);
        h.sessionHours = number(n, "sessionHours", path, h.sessionHours, 0.25, 24.0 * 90);
        if (Fields::has(n, "workingDays"))
            readWorkingDays(n, path);
        if (Fields::has(n, "holidays"))
            readHolidays(n["holidays"], Fields::child(path, "holidays"));
    }

    void readWorkingDays(const YAML::Node& n, const QString& parent)
    {
        const QString path = Fields::child(parent, "workingDays");
        const QStringList names = f.strList(n, "workingDays", parent);
        if (names.isEmpty())
            f.fail(n["workingDays"], path, QStringLiteral("list at least one day"));
        QList<int> days;
        for (qsizetype i = 0; i < names.size(); ++i) {
            const YAML::Node at = n["workingDays"][std::size_t(i)];
            int day = 0;
            for (int d = 0; d < 7; ++d)
                if (names[i] == QLatin1String(kWeekDays[d]))
                    day = d + 1;
            if (day == 0)
                f.fail(at, Fields::index(path, i),
                       QStringLiteral("'%1' is not one of: mon, tue, wed, thu, fri, sat, sun")
                           .arg(names[i]));
            if (days.contains(day))
                f.fail(at, Fields::index(path, i),
                       QStringLiteral("'%1' is listed twice").arg(names[i]));
            days << day;
        }
        std::sort(days.begin(), days.end());
        s.signIns.workingDays = days;
    }

    // "MM-DD": the same day every year (held in the leap year 2000).
    static QDate monthDay(const QString& text)
    {
        static const QRegularExpression re(QStringLiteral("^(\\d{2})-(\\d{2})$"));
        const auto m = re.match(text);
        if (!m.hasMatch())
            return {};
        return QDate(2000, m.captured(1).toInt(), m.captured(2).toInt());
    }

    // A holiday end: a full date or a yearly month-day; which one it was.
    std::pair<QDate, bool> holidayDay(const YAML::Node& n, const QString& path) const
    {
        const QString text = scalar(n, path);
        if (const QDate d = isoDate(text); d.isValid())
            return {d, false};
        if (const QDate d = monthDay(text); d.isValid())
            return {d, true};
        f.fail(n, path,
               QStringLiteral("'%1' is not a date (write YYYY-MM-DD, or MM-DD for every year)")
                   .arg(text));
    }

    void readHolidays(const YAML::Node& list, const QString& path)
    {
        f.expectList(list, path);
        for (std::size_t i = 0; i < list.size(); ++i) {
            const YAML::Node h = list[i];
            const QString at = Fields::index(path, qsizetype(i));
            Holiday holiday;
            if (h.IsScalar()) {
                std::tie(holiday.from, holiday.yearly) = holidayDay(h, at);
                holiday.to = holiday.from;
            } else {
                f.expectMap(h, at);
                f.checkKeys(h, at, {"from", "to"});
                for (const char* key : {"from", "to"})
                    if (!Fields::has(h, key))
                        f.fail(h, Fields::child(at, key), QStringLiteral("required"));
                const auto [from, fromYearly] = holidayDay(h["from"], Fields::child(at, "from"));
                const auto [to, toYearly] = holidayDay(h["to"], Fields::child(at, "to"));
                if (fromYearly != toYearly)
                    f.fail(h["to"], Fields::child(at, "to"),
                           QStringLiteral("write both ends as YYYY-MM-DD or both as MM-DD"));
                if (!fromYearly && to < from)
                    f.fail(h["to"], Fields::child(at, "to"),
                           QStringLiteral("%1 is before from (%2)")
                               .arg(to.toString(Qt::ISODate), from.toString(Qt::ISODate)));
                holiday = Holiday{from, to, fromYearly};
            }
            s.signIns.holidays << holiday;
        }
    }

    // ---- IdP, SP, billing ------------------------------------------------

    void readIdp(const YAML::Node& n)
    {
        const QString path = QStringLiteral("idp");
        f.checkKeys(n, path, {"preset", "entityId"});
        if (Fields::has(n, "preset")) {
            s.idp.preset = f.str(n, "preset", path, true);
            // The built-in catalogue is a handful of compiled-in files: cheap,
            // and the same on every machine, so a typo is caught here.
            auto catalog = idp::PresetCatalog::builtIn();
            if (!catalog)
                f.fail(n["preset"], Fields::child(path, "preset"), catalog.error().message);
            if (!catalog->find(s.idp.preset))
                f.fail(n["preset"], Fields::child(path, "preset"),
                       QStringLiteral("no built-in preset '%1' (known: %2)")
                           .arg(s.idp.preset, catalog->ids().join(QStringLiteral(", "))));
        }
        s.idp.entityId = f.str(n, "entityId", path, false);
        if (Fields::has(n, "entityId") && s.idp.entityId.trimmed().isEmpty())
            f.fail(n["entityId"], Fields::child(path, "entityId"),
                   QStringLiteral("must not be empty"));
    }

    void readSp(const YAML::Node& n)
    {
        const QString path = QStringLiteral("sp");
        f.checkKeys(n, path, {"policy"});
        if (!Fields::has(n, "policy"))
            return;
        const YAML::Node p = n["policy"];
        const QString where = Fields::child(path, "policy");
        if (p.IsScalar()) {
            const QString file = f.str(n, "policy", path, true);
            s.sp.policyFile = QDir::cleanPath(
                QFileInfo(file).isAbsolute() ? file : QDir(m_base).absoluteFilePath(file));
            auto settings = jit::loadJitSettings(s.sp.policyFile);
            if (!settings)
                f.fail(p, where, settings.error().message);
            s.sp.policy = std::move(settings).value();
            return;
        }
        if (!p.IsMap())
            f.fail(p, where,
                   QStringLiteral("expected a policy file's path or the policy's settings"));
        s.sp.policy = inlinePolicy(p, where);
    }

    // The policy written inside the scenario is read by the policy file's own
    // reader, from the scenario's own lines (blank lines keep the numbering),
    // so both forms accept exactly the same settings.
    jit::JitSettings inlinePolicy(const YAML::Node& p, const QString& where) const
    {
        const int first = f.lineOf(p) - 1;
        QByteArray fragment(qsizetype(std::max(first, 0)), '\n');
        if (p.Style() == YAML::EmitterStyle::Flow) {
            YAML::Emitter out;
            out.SetMapFormat(YAML::Flow);
            out.SetSeqFormat(YAML::Flow);
            out << p;
            fragment += QByteArray(out.c_str()) + '\n';
        } else {
            const qsizetype column = qsizetype(p.Mark().column);
            const QList<QByteArray> lines = m_text.split('\n');
            for (qsizetype i = first; i < lines.size(); ++i) {
                QByteArray line = lines[i];
                if (line.endsWith('\r'))
                    line.chop(1);
                qsizetype indent = 0;
                while (indent < line.size() && line[indent] == ' ')
                    ++indent;
                const QByteArray body = line.mid(indent);
                const bool content = !body.isEmpty() && !body.startsWith('#');
                if (i > first && content && indent < column)
                    break; // the next key of an enclosing mapping
                fragment += (indent >= column ? line.mid(column) : body) + '\n';
            }
        }
        auto settings = jit::parseJitSettings(fragment, m_file);
        if (!settings) {
            // "file:line: field: ..." -> "file:line: sp.policy.field: ..."
            QString message = settings.error().message;
            const qsizetype afterFile = m_file.size() + 1;
            const qsizetype afterLine = message.indexOf(QStringLiteral(": "), afterFile);
            if (message.startsWith(m_file + QLatin1Char(':')) && afterLine > 0)
                message.insert(afterLine + 2, where + QLatin1Char('.'));
            throw FieldError{makeError(kErrorId, message)};
        }
        return std::move(settings).value();
    }

    void readBilling(const YAML::Node& n)
    {
        const QString path = QStringLiteral("billing");
        f.checkKeys(n, path, {"seatPrice", "currency", "rule"});
        Billing& b = s.billing;
        b.seatPrice = number(n, "seatPrice", path, b.seatPrice, 0.0, 1e6);
        if (Fields::has(n, "currency"))
            b.currency = plainName(n, "currency", path);
        b.rule = choice(n, "rule", path, kBillingRules, b.rule);
    }

    // ---- strategies --------------------------------------------------------

    void readStrategies(const YAML::Node& root)
    {
        const QString path = QStringLiteral("strategies");
        if (!Fields::has(root, "strategies")) {
            for (StrategyKind k : allStrategies())
                s.strategies << defaultStrategy(k);
            return;
        }
        const YAML::Node n = root["strategies"];
        if (n.IsSequence()) {
            // The short form: names only, each with its default parameters.
            const QStringList names = f.strList(root, "strategies", {});
            for (qsizetype i = 0; i < names.size(); ++i)
                s.strategies << defaultStrategy(
                    strategyKind(n[std::size_t(i)], Fields::index(path, i), names[i]));
        } else {
            f.expectMap(n, path);
            for (auto it = n.begin(); it != n.end(); ++it) {
                const QString key = scalar(it->first, path);
                const QString at = path + QLatin1Char('.') + key;
                const StrategyKind kind = strategyKind(it->first, at, key);
                s.strategies << readStrategy(kind, it->second, at);
            }
        }
        if (s.strategies.isEmpty())
            f.fail(n, path, QStringLiteral("name at least one strategy"));
    }

    StrategyKind strategyKind(const YAML::Node& at, const QString& path, const QString& name) const
    {
        if (const auto k = fromName(kStrategies, name)) {
            if (s.strategy(*k))
                f.fail(at, path, QStringLiteral("'%1' is listed twice").arg(name));
            return *k;
        }
        f.fail(
            at, path,
            QStringLiteral("unknown strategy '%1' (known: %2)").arg(name, allNames(kStrategies)));
    }

    // SCIM profiles follow the IdP when it is one of the two SCIM clients.
    Strategy defaultStrategy(StrategyKind k) const
    {
        Strategy st;
        st.kind = k;
        if (const auto p = scim::scimProfileFromName(s.idp.preset))
            st.scimProfile = *p;
        return st;
    }

    // The keys each strategy takes beyond its name.
    void checkStrategyKeys(StrategyKind kind, const YAML::Node& n, const QString& path) const
    {
        switch (kind) {
        case StrategyKind::ScimPreprovision:
        case StrategyKind::JitScimOffboard:
            return f.checkKeys(n, path, {"profile", "syncIntervalHours"});
        case StrategyKind::JitCleanup:
            return f.checkKeys(n, path, {"inactivityDays", "intervalDays"});
        case StrategyKind::JitCsvOffboard:
            return f.checkKeys(n, path, {"cadenceDays", "delayDays"});
        case StrategyKind::SelfRegistration:
        case StrategyKind::Jit:
            if (n.size() > 0)
                f.fail(n.begin()->first,
                       path + QLatin1Char('.') + jh::yaml::fromStd(n.begin()->first.Scalar()),
                       QStringLiteral("%1 takes no parameters").arg(strategyName(kind)));
            return;
        }
    }

    Strategy readStrategy(StrategyKind kind, const YAML::Node& n, const QString& path) const
    {
        Strategy st = defaultStrategy(kind);
        if (!n.IsDefined() || n.IsNull())
            return st;
        f.expectMap(n, path);
        checkStrategyKeys(kind, n, path);
        if (Fields::has(n, "profile")) {
            const QString profile = f.str(n, "profile", path, true);
            const auto p = scim::scimProfileFromName(profile);
            if (!p)
                f.fail(n["profile"], Fields::child(path, "profile"),
                       QStringLiteral("'%1' is not one of: okta, entra").arg(profile));
            st.scimProfile = *p;
        }
        st.syncIntervalHours =
            f.integer(n, "syncIntervalHours", path, st.syncIntervalHours, 1, 720);
        st.inactivityDays = f.integer(n, "inactivityDays", path, st.inactivityDays, 1, 3650);
        st.cleanupIntervalDays = f.integer(n, "intervalDays", path, st.cleanupIntervalDays, 1, 365);
        st.csvCadenceDays = f.integer(n, "cadenceDays", path, st.csvCadenceDays, 1, 365);
        st.csvDelayDays = f.integer(n, "delayDays", path, st.csvDelayDays, 0, 365);
        return st;
    }

    Fields f;
    QString m_file;
    QString m_base;
    QByteArray m_text;
    Scenario s;
};

} // namespace

QString hrEventKindName(HrEventKind k)
{
    return nameOf(kEventKinds, k);
}

std::optional<HrEventKind> hrEventKindFromName(const QString& name)
{
    return fromName(kEventKinds, name);
}

QString billingRuleName(BillingRule r)
{
    return nameOf(kBillingRules, r);
}

std::optional<BillingRule> billingRuleFromName(const QString& name)
{
    return fromName(kBillingRules, name);
}

QString strategyName(StrategyKind k)
{
    return nameOf(kStrategies, k);
}

std::optional<StrategyKind> strategyFromName(const QString& name)
{
    return fromName(kStrategies, name);
}

QList<StrategyKind> allStrategies()
{
    QList<StrategyKind> out;
    for (const auto& [k, n] : kStrategies)
        out << k;
    return out;
}

Result<Scenario> parseScenario(const QByteArray& text, const QString& fileName,
                               const QString& baseDir)
{
    const QString base = baseDir.isEmpty() ? QFileInfo(fileName).absolutePath() : baseDir;
    try {
        return ScenarioReader(fileName, base, text).read();
    } catch (const FieldError& e) {
        return e.error;
    } catch (const YAML::Exception& e) {
        return makeError(kErrorId,
                         QStringLiteral("%1: %2").arg(fileName, jh::yaml::fromStd(e.msg)));
    }
}

Result<Scenario> loadScenario(const QString& path)
{
    auto text = readFile(path);
    if (!text)
        return text.error();
    return parseScenario(*text, path, QFileInfo(path).absolutePath());
}

} // namespace jh::sim
