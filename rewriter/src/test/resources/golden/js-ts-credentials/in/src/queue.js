const identity = require("@azure/identity");
const { QueueClient } = require("@azure/storage-queue");
const msal = require("@azure/msal-node");

const credential = new identity.ClientSecretCredential(process.env.TENANT, process.env.CLIENT, process.env.SECRET);
module.exports.queue = new QueueClient("https://contosoq.queue.core.windows.net/jobs", credential);

module.exports.msalApp = new msal.ConfidentialClientApplication({
  auth: { clientId: process.env.CLIENT, authority: "https://login.microsoftonline.com/contoso", clientSecret: process.env.SECRET },
});
