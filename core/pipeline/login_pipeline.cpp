#include "pipeline/login_pipeline.h"

#include <QUrl>

namespace jh::pipeline {

QByteArray postFormBody(const QByteArray& responseXml, const QByteArray& relayState)
{
    QByteArray body =
        "SAMLResponse=" + QUrl::toPercentEncoding(QString::fromLatin1(responseXml.toBase64()));
    if (!relayState.isEmpty())
        body += "&RelayState=" + QUrl::toPercentEncoding(QString::fromUtf8(relayState));
    return body;
}

LoginPipeline::LoginPipeline(const idp::PresetCatalog& presets, const sp::SpConfig& sp,
                             jit::AccountStore& store, const jit::JitSettings& settings,
                             const Clock& clock)
    : m_presets(presets), m_store(store), m_settings(settings), m_clock(clock),
      m_validator(sp, clock), m_provisioner(store, settings.policy)
{}

Result<LoginSteps> LoginPipeline::signIn(const idp::Issuer& issuer,
                                         const idp::IssueRequest& request)
{
    auto issued = issuer.issue(request);
    if (!issued)
        return issued.error();
    LoginSteps steps;
    steps.postBody = postFormBody(issued->response.xml);
    steps.issued = std::move(*issued);
    const QByteArray body = steps.postBody;
    return judge(std::move(steps), body, {request.inResponseTo, false},
                 m_presets.find(request.presetId));
}

Result<LoginSteps> LoginPipeline::receive(const QByteArray& message, sp::ValidationRequest request,
                                          const idp::Preset* shape)
{
    LoginSteps steps;
    steps.postBody = message;
    return judge(std::move(steps), message, std::move(request), shape);
}

Result<LoginSteps> LoginPipeline::judge(LoginSteps steps, const QByteArray& message,
                                        sp::ValidationRequest request, const idp::Preset* shape)
{
    const QDateTime now = m_clock.now();
    std::optional<Error> storeError;
    request.usedElsewhere = [&](const QString& issuer, const QString& assertionId) {
        auto seen = m_store.assertionUsed(issuer, assertionId, now);
        if (!seen) {
            storeError = seen.error();
            return false;
        }
        return *seen;
    };
    steps.report = m_validator.validate(message, request);
    if (storeError)
        return *storeError;
    if (!steps.report.accepted())
        return steps;

    const sp::VerifiedLogin& login = *steps.report.login;
    const idp::Preset* mappingShape =
        m_settings.mappingPreset.isEmpty() ? shape : m_presets.find(m_settings.mappingPreset);
    auto mapping = m_mappings.find(mappingShape);
    if (mapping == m_mappings.end())
        mapping = m_mappings.insert(mappingShape, m_settings.mappingFor(mappingShape));
    steps.mapped = jit::mapLogin(login, *mapping);
    if (!m_settings.mappingPreset.isEmpty() && !mappingShape)
        steps.mapped->warnings
            << QStringLiteral("the policy's mapping preset '%1' is unknown: only its own claims "
                              "apply")
                   .arg(m_settings.mappingPreset);
    jit::LoginMeta meta;
    meta.now = now;
    meta.messageId = login.assertionId;
    meta.replay = jit::ReplayMark{login.issuer, login.assertionId, login.usedUntil};
    auto outcome = m_provisioner.provision(*steps.mapped, meta);
    if (!outcome)
        return outcome.error();
    steps.outcome = std::move(*outcome);
    return steps;
}

} // namespace jh::pipeline
