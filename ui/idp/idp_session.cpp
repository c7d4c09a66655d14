#include "idp/idp_session.h"

#include "idp/directory_file.h"
#include "idp/self_check.h"

namespace jh::ui {

IdpSession::IdpSession(const Clock& clock, crypto::KeyStore keys, QObject* parent)
    : QObject(parent), m_clock(clock), m_keys(std::move(keys)),
      m_signer([this](crypto::KeyType t) { return m_keys.loadOrCreate(t, m_clock); })
{}

Result<void> IdpSession::loadPresets()
{
    auto catalog = idp::PresetCatalog::builtIn();
    if (!catalog)
        return catalog.error();
    m_presets = std::move(*catalog);
    return {};
}

Result<void> IdpSession::loadDirectory(const QString& path)
{
    auto loaded = idp::loadDirectory(path);
    if (!loaded)
        return loaded.error();
    setDirectory(std::move(*loaded), path);
    return {};
}

void IdpSession::setDirectory(idp::Directory directory, const QString& source)
{
    Q_EMIT directoryAboutToChange();
    m_directory = std::move(directory);
    m_directorySource = source;
    Q_EMIT directoryChanged();
}

Result<idp::ShapedClaims> IdpSession::preview(const QString& personId,
                                              const QString& presetId) const
{
    const idp::Person* person = m_directory.person(personId);
    if (!person)
        return makeError("idp.unknown-person",
                         QStringLiteral("no person with id '%1' in the directory").arg(personId));
    const idp::Preset* preset = m_presets.find(presetId);
    if (!preset)
        return makeError("idp.unknown-preset", QStringLiteral("unknown preset '%1'").arg(presetId));
    return idp::shapeClaims(*person, m_directory, *preset);
}

Result<idp::SigningOptions> IdpSession::signingFor(const idp::IssueRequest& request) const
{
    return idp::Issuer(m_directory, m_presets, m_signer, m_clock).signingFor(request);
}

Result<IssueResult> IdpSession::issue(const idp::IssueRequest& request) const
{
    const idp::Issuer issuer(m_directory, m_presets, m_signer, m_clock);
    auto issued = issuer.issue(request);
    if (!issued)
        return issued.error();
    auto key = m_signer.keyPair(issued->signing.key);
    if (!key)
        return key.error();

    IssueResult r;
    r.issued = std::move(*issued);
    r.personId = request.personId;
    if (const idp::Person* p = m_directory.person(request.personId))
        r.personName = p->displayName.isEmpty() ? p->username : p->displayName;
    if (const idp::Preset* p = m_presets.find(request.presetId))
        r.presetName = p->name;
    r.keySubject = key->subject();
    r.keyFingerprint = key->sha256Fingerprint();

    const idp::SelfCheck check = idp::selfCheck(r.issued.response.xml, key->certificate());
    r.verified = check.verified;
    r.failures = check.failures;
    r.encrypted = check.encrypted;
    r.decrypted = check.decrypted;
    return r;
}

} // namespace jh::ui
