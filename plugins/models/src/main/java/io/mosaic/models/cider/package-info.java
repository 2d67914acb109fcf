/** CIDer (Zhong et al., 2025) as a pipeline: WSAM alignment, recurrent context, MCT fusion, pooling, joint head. */
package io.mosaic.models.cider;
