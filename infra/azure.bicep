// Azure resources for Reverse Mentorship, deployed by the Microsoft 365 Agents Toolkit (m365agents.yml,
// action arm/deploy) or by `az deployment group create` (see infra/README.md).
//
//   App Service plan + Web App  Node 20 LTS on Linux, HTTPS only, TLS >= 1.2, system-assigned managed identity.
//                               Serves the tab, the REST API and the bot endpoint (/api/messages).
//   Cosmos DB (serverless)      The database and the containers the app uses (src/adapters/cosmos/containers.ts),
//                               keys disabled: the Web App's identity gets data-plane RBAC instead.
//   Key Vault (RBAC)            The Entra app secret and the bot secret, referenced from app settings.
//   Azure Bot                   Single-tenant registration, Teams + Microsoft 365 (Outlook) channels.
//   Log Analytics + App Insights
//
// App setting names are exactly the variables src/config.ts reads (test/infra checks this).

@minLength(4)
@maxLength(20)
@description('Prefix of every resource name (lower-case letters and digits); default: derived from the resource group, stable across deployments.')
param resourceBaseName string = 'rm${take(uniqueString(resourceGroup().id), 12)}'

@description('Azure region for everything except the Azure Bot (which is global).')
param location string = resourceGroup().location

@description('App Service plan SKU. B1 is fine for a pilot; use P0v3 or larger for production (zone redundancy, more memory).')
param webAppSku string = 'B1'

@description('Client id of the Entra app registration used for Teams SSO and Microsoft Graph (aad.manifest.json).')
param aadAppClientId string

@description('Home tenant of the app registrations.')
param aadAppTenantId string

@secure()
@description('Client secret of the Entra app registration; stored in Key Vault only.')
param aadAppClientSecret string

@description('Comma-separated extra tenant ids whose users may use the app (empty = home tenant only).')
param allowedTenantIds string = ''

@description('Teams app id (manifest id, TEAMS_APP_ID from teamsApp/create): notification cards deep-link into the app in Teams.')
param teamsAppId string = ''

@description('Microsoft App ID of the bot (its own single-tenant Entra app registration).')
param botId string

@secure()
@description('Client secret of the bot app registration; stored in Key Vault only.')
param botPassword string

@description('Name people see for the bot.')
param botDisplayName string = resourceBaseName

@allowed([
  'F0'
  'S1'
])
@description('Azure Bot pricing tier. Teams and Microsoft 365 are standard channels (free on F0).')
param botSku string = 'F0'

@description('Cosmos DB database name.')
param cosmosDatabaseName string = 'reverse-mentorship'

@allowed([
  'fatal'
  'error'
  'warn'
  'info'
  'debug'
  'trace'
  'silent'
])
param logLevel string = 'info'

@description('Custom domain already bound to the Web App (e.g. mentoring.contoso.com); empty = the azurewebsites.net name.')
param publicHostName string = ''

@description('Key Vault purge protection (cannot be turned off once on). Keep true for production.')
param keyVaultPurgeProtection bool = true

@description('Log retention in days.')
param logRetentionDays int = 30

var webAppName = resourceBaseName
var keyVaultName = '${resourceBaseName}-kv'
var cosmosAccountName = toLower('${resourceBaseName}-cosmos')
var alwaysOnSupported = !contains([
  'F1'
  'D1'
], webAppSku)

// Must match CONTAINERS in src/adapters/cosmos/containers.ts (test/infra checks names and partition keys).
var cosmosContainers = [
  {
    name: 'tenants'
    partitionKeyPath: '/tenantId'
  }
  {
    name: 'people'
    partitionKeyPath: '/partitionKey'
  }
  {
    name: 'programs'
    partitionKeyPath: '/tenantId'
  }
  {
    name: 'jobs'
    partitionKeyPath: '/tenantId'
  }
  {
    name: 'conversations'
    partitionKeyPath: '/tenantId'
  }
]

// Built-in role ids.
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'
var cosmosDataContributorRoleId = '00000000-0000-0000-0000-000000000002'

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${resourceBaseName}-logs'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${resourceBaseName}-insights'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
    DisableLocalAuth: false
  }
}

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: keyVaultPurgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
  }
}

resource aadAppSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'aad-app-client-secret'
  properties: {
    value: aadAppClientSecret
    contentType: 'Entra app registration client secret (AAD_APP_CLIENT_SECRET)'
  }
}

resource botSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'bot-password'
  properties: {
    value: botPassword
    contentType: 'Azure Bot client secret (BOT_PASSWORD)'
  }
}

resource cosmosAccount 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {
  name: cosmosAccountName
  location: location
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    capabilities: [
      {
        name: 'EnableServerless'
      }
    ]
    // Only Entra identities (the Web App's managed identity) reach the data: no account keys.
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
  }
}

resource cosmosDatabase 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-05-15' = {
  parent: cosmosAccount
  name: cosmosDatabaseName
  properties: {
    resource: {
      id: cosmosDatabaseName
    }
  }
}

resource containers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-05-15' = [
  for container in cosmosContainers: {
    parent: cosmosDatabase
    name: container.name
    properties: {
      resource: {
        id: container.name
        // TTL on, no default: only items that carry their own `ttl` expire (delivered notifications in the
        // conversations container's outbox are kept for audit for a while, then removed by Cosmos DB).
        defaultTtl: -1
        partitionKey: {
          paths: [
            container.partitionKeyPath
          ]
          kind: 'Hash'
          version: 2
        }
      }
    }
  }
]

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${resourceBaseName}-plan'
  location: location
  kind: 'linux'
  sku: {
    name: webAppSku
  }
  properties: {
    reserved: true
  }
}

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: webAppName
  location: location
  kind: 'app,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    keyVaultReferenceIdentity: 'SystemAssigned'
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      appCommandLine: 'node dist/src/main.js'
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      alwaysOn: alwaysOnSupported
      healthCheckPath: '/healthz'
    }
  }
}

var publicHost = empty(publicHostName) ? webApp.properties.defaultHostName : publicHostName

resource keyVaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: keyVault
  name: guid(keyVault.id, webApp.id, keyVaultSecretsUserRoleId)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: webApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource cosmosDataContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-05-15' = {
  parent: cosmosAccount
  name: guid(cosmosAccount.id, webApp.id, cosmosDataContributorRoleId)
  properties: {
    roleDefinitionId: '${cosmosAccount.id}/sqlRoleDefinitions/${cosmosDataContributorRoleId}'
    principalId: webApp.identity.principalId
    scope: cosmosAccount.id
  }
}

// App settings: the names src/config.ts reads, plus App Service platform settings. Secrets are Key Vault
// references resolved by App Service with the Web App's identity (hence the role assignment first).
resource webAppSettings 'Microsoft.Web/sites/config@2023-12-01' = {
  parent: webApp
  name: 'appsettings'
  properties: {
    APP_MODE: 'azure'
    PUBLIC_BASE_URL: 'https://${publicHost}'
    LOG_LEVEL: logLevel
    COSMOS_ENDPOINT: cosmosAccount.properties.documentEndpoint
    COSMOS_USE_MANAGED_IDENTITY: 'true'
    COSMOS_DATABASE: cosmosDatabaseName
    ENTRA_TENANT_ID: aadAppTenantId
    AAD_APP_CLIENT_ID: aadAppClientId
    AAD_APP_CLIENT_SECRET: '@Microsoft.KeyVault(SecretUri=${aadAppSecret.properties.secretUri})'
    ALLOWED_TENANT_IDS: allowedTenantIds
    BOT_ID: botId
    BOT_PASSWORD: '@Microsoft.KeyVault(SecretUri=${botSecret.properties.secretUri})'
    TEAMS_APP_ID: teamsAppId
    APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
    ApplicationInsightsAgent_EXTENSION_VERSION: '~3'
    WEBSITE_RUN_FROM_PACKAGE: '1'
    SCM_DO_BUILD_DURING_DEPLOYMENT: 'false'
  }
  dependsOn: [
    keyVaultSecretsUser
    cosmosDataContributor
    containers
  ]
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: resourceBaseName
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${publicHost}/api/messages'
    msaAppId: botId
    msaAppType: 'SingleTenant'
    msaAppTenantId: aadAppTenantId
    developerAppInsightsApplicationId: appInsights.properties.AppId
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

// The Microsoft 365 channel carries the message extension into Outlook and the Microsoft 365 app.
resource microsoft365Channel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'M365Extensions'
  location: 'global'
  properties: {
    channelName: 'M365Extensions'
  }
}

// Outputs become environment variables of the Agents Toolkit environment (env/.env.<env>).
output AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output AZURE_WEB_APP_NAME string = webApp.name
output TAB_DOMAIN string = publicHost
output TAB_ENDPOINT string = 'https://${publicHost}'
output BOT_DOMAIN string = publicHost
output COSMOS_ENDPOINT string = cosmosAccount.properties.documentEndpoint
output KEY_VAULT_NAME string = keyVault.name
