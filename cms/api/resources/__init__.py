"""One module per API resource, one function per verb (as plone.restapi's services)."""
