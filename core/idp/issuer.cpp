#include "idp/issuer.h"

#include "common/file_io.h"
#include "saml/response_writer.h"

#include <algorithm>

namespace jh::idp {

Result<SpTarget> spTargetFromMetadata(const saml::SpMetadata& md)
{
    const saml::AcsEndpoint* acs = md.defaultPostAcs();
    if (!acs)
        return makeError(
            "idp.request",
            QStringLiteral("SP metadata for %1 has no HTTP-POST AssertionConsumerService")
                .arg(md.entityId));
    SpTarget t;
    t.audience = md.entityId;
    t.acsUrl = acs->location;
    t.wantAssertionsSigned = md.wantAssertionsSigned;
    if (!md.encryptionCertificates.isEmpty())
        t.encryptionCertificate = md.encryptionCertificates.first();
    return t;
}

Result<void> applyOverrides(const ClaimOverrides& o, ShapedClaims& claims)
{
    for (const QString& name : o.dropAttributes) {
        const auto removed =
            claims.attributes.removeIf([&](const saml::Attribute& a) { return a.name == name; });
        if (removed == 0)
            return makeError(
                "idp.request",
                QStringLiteral("cannot drop attribute '%1': the preset does not send it")
                    .arg(name));
        claims.notes << QStringLiteral("override: attribute %1 dropped").arg(name);
    }
    const saml::Attribute shape =
        claims.attributes.isEmpty() ? saml::Attribute{} : claims.attributes.first();
    for (const auto& change : o.attributes) {
        const QString& name = change.first;
        const QStringList& values = change.second;
        auto it = std::find_if(claims.attributes.begin(), claims.attributes.end(),
                               [&](const saml::Attribute& a) { return a.name == name; });
        if (it != claims.attributes.end()) {
            it->values = values;
            claims.notes << QStringLiteral("override: attribute %1 = %2")
                                .arg(name, values.join(QStringLiteral(" | ")));
        } else {
            claims.attributes.append({name, shape.nameFormat, {}, shape.valueType, values});
            claims.notes << QStringLiteral("override: attribute %1 added = %2")
                                .arg(name, values.join(QStringLiteral(" | ")));
        }
    }
    if (o.nameId) {
        claims.notes << QStringLiteral("override: NameID %1 (the preset gave %2)")
                            .arg(*o.nameId, claims.subject.nameId);
        claims.subject.nameId = *o.nameId;
    }
    if (o.nameIdFormat) {
        claims.notes << QStringLiteral("override: NameID Format %1").arg(*o.nameIdFormat);
        claims.subject.format = *o.nameIdFormat;
    }
    if (o.spNameQualifier)
        claims.subject.spNameQualifier = *o.spNameQualifier;
    return {};
}

Result<SpTarget> loadSpTarget(const QString& metadataPath)
{
    auto bytes = readFile(metadataPath);
    if (!bytes)
        return bytes.error();
    auto md = saml::parseSpMetadata(*bytes, metadataPath);
    if (!md)
        return md.error();
    auto target = spTargetFromMetadata(*md);
    if (!target)
        return target.error().prefixed(metadataPath);
    return target;
}

Issuer::Issuer(const Directory& directory, const PresetCatalog& presets,
               const ResponseSigner& signer, const Clock& clock)
    : m_directory(directory), m_presets(presets), m_signer(signer), m_clock(clock)
{}

Result<const Preset*> Issuer::preset(const QString& id) const
{
    if (const Preset* p = m_presets.find(id))
        return p;
    return makeError("idp.unknown-preset",
                     QStringLiteral("unknown preset '%1' (known: %2)")
                         .arg(id, m_presets.ids().join(QStringLiteral(", "))));
}

Result<SigningOptions> Issuer::signingFor(const IssueRequest& request) const
{
    auto p = preset(request.presetId);
    if (!p)
        return p.error();
    const IssuanceDefaults& d = (*p)->defaults;
    SigningOptions s;
    s.mode = request.sign.value_or(d.sign);
    s.key = request.key.value_or(crypto::KeyType::Rsa);
    s.digestAlgorithm = request.digestAlgorithm.value_or(d.digestAlgorithm);
    s.keyInfoCertificate = request.keyInfoCertificate.value_or(d.keyInfoCertificate);
    if (request.signatureAlgorithm) {
        s.signatureAlgorithm = *request.signatureAlgorithm;
    } else {
        // The preset names an RSA algorithm; an EC key signs with the ECDSA
        // algorithm of the same digest.
        s.signatureAlgorithm = d.signatureAlgorithm;
        if (s.key == crypto::KeyType::Ec && s.signatureAlgorithm.startsWith(QLatin1String("rsa-")))
            s.signatureAlgorithm.replace(0, 3, QStringLiteral("ecdsa"));
    }
    return s;
}

Result<saml::AssertionSpec> Issuer::buildSpec(const IssueRequest& request, QStringList* notes) const
{
    const Person* person = m_directory.person(request.personId);
    if (!person) {
        QStringList ids;
        for (const Person& p : m_directory.people())
            ids << p.id;
        return makeError("idp.unknown-person",
                         QStringLiteral("no person with id '%1' in the directory (ids: %2)")
                             .arg(request.personId, ids.join(QStringLiteral(", "))));
    }
    auto p = preset(request.presetId);
    if (!p)
        return p.error();
    if (request.sp.audience.isEmpty() || request.sp.acsUrl.isEmpty())
        return makeError("idp.request",
                         QStringLiteral("the SP's audience (entityID) and ACS URL are both needed: "
                                        "give --sp-metadata, or --audience and --acs"));
    auto claims = shapeClaims(*person, m_directory, **p);
    if (!claims)
        return claims.error();
    if (auto applied = applyOverrides(request.overrides, *claims); !applied)
        return applied.error();

    const IssuanceDefaults& d = (*p)->defaults;
    QDateTime now = m_clock.now();
    now.setTime(QTime(now.time().hour(), now.time().minute(), now.time().second()));
    const int validity = request.validitySeconds.value_or(d.validitySeconds);
    const int confirmation = request.validitySeconds.value_or(d.confirmationSeconds);

    saml::AssertionSpec s;
    s.responseId = saml::newMessageId();
    s.assertionId = saml::newMessageId();
    s.issueInstant = now;
    s.issuer = claims->issuer;
    s.destination = request.sp.acsUrl;
    s.inResponseTo = request.inResponseTo;
    s.subject = claims->subject;
    s.confirmation = {true, request.sp.acsUrl, now.addSecs(confirmation), request.inResponseTo};
    s.conditions = {
        true, now.addSecs(-d.notBeforeSkewSeconds), now.addSecs(validity), {request.sp.audience}};
    s.authn = {true, now, saml::newMessageId(),
               d.sessionSeconds > 0 ? now.addSecs(d.sessionSeconds) : QDateTime(),
               d.authnContextClass};
    s.attributes = claims->attributes;
    if (notes)
        *notes << claims->notes;
    return s;
}

Result<Issued> Issuer::issue(const IssueRequest& request) const
{
    Issued out;
    auto spec = buildSpec(request, &out.notes);
    if (!spec)
        return spec.error();
    auto signing = signingFor(request);
    if (!signing)
        return signing.error();
    out.spec = *spec;
    out.signing = *signing;
    out.encryption = request.encryption;
    if (request.sp.wantAssertionsSigned &&
        (signing->mode == SignMode::None || signing->mode == SignMode::Response))
        out.notes << QStringLiteral("the SP's metadata says WantAssertionsSigned, but the "
                                    "assertion is not signed (sign: %1)")
                         .arg(signModeName(signing->mode));
    auto rendered = m_signer.render(out.spec, out.signing, out.encryption,
                                    request.sp.encryptionCertificate.get());
    if (!rendered)
        return rendered.error();
    out.response = *rendered;
    return out;
}

} // namespace jh::idp
